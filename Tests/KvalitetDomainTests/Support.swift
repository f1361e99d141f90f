import Foundation
import KvalitetDomain

/// The fixed "today" of every domain test.
let today = LocalDate("2026-01-15")!

func date(_ text: String) -> LocalDate { LocalDate(text)! }

extension Result where Failure == DomainError {
    /// The pointers of an `invalid` failure, or nothing.
    var pointers: [String] {
        if case .failure(.invalid(let problems)) = self { return problems.map(\.pointer) }
        return []
    }

    var isValid: Bool { (try? get()) != nil }
}

/// The pointers of a workflow refusal (409), or nil when the step was allowed.
func conflictPointers(_ body: () throws -> Void) -> [String]? {
    do {
        try body()
        return nil
    } catch DomainError.conflict(_, let problems) {
        return problems.map(\.pointer)
    } catch {
        return ["unexpected \(error)"]
    }
}

/// A stored record around `fields`, as the store would hand it to the domain.
func record<Kind: RecordKind>(_ fields: Kind.Fields, status: Kind.Status) -> CaseRecord<Kind> {
    CaseRecord(id: CaseNumber(family: Kind.family, year: 2025, sequence: 1), status: status, fields: fields, version: 1,
               createdAt: Date(timeIntervalSince1970: 0), createdBy: "test", updatedAt: Date(timeIntervalSince1970: 0), voided: nil)
}
