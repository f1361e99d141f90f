import Foundation

/// One case as it goes to the e-arkiv: its register data, its current content, every version and
/// every note (with their authors), as stored. `body` and each version's `snapshot` are the stored
/// JSON objects (decisions and measures are part of them, whatever the family holds).
public struct EarkivArende: Sendable, Equatable {
    public let id: String
    public let family: RecordFamily
    public let title: String
    public let status: String
    public let primaryDate: LocalDate
    /// The day it was closed (see `GallringCandidate.closedOn`); only closed cases are delivered.
    public let closedOn: LocalDate
    public let units: [String]
    public let version: Int
    public let createdAt: Date
    public let createdBy: String
    public let updatedAt: Date
    public let voidedOn: LocalDate?
    public let voidedReason: String?
    public let body: String
    public let versions: [EarkivVersion]
    public let notes: [EarkivNote]

    public init(
        id: String, family: RecordFamily, title: String, status: String, primaryDate: LocalDate, closedOn: LocalDate,
        units: [String], version: Int, createdAt: Date, createdBy: String, updatedAt: Date, voidedOn: LocalDate?,
        voidedReason: String?, body: String, versions: [EarkivVersion], notes: [EarkivNote]
    ) {
        self.id = id
        self.family = family
        self.title = title
        self.status = status
        self.primaryDate = primaryDate
        self.closedOn = closedOn
        self.units = units
        self.version = version
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.voidedOn = voidedOn
        self.voidedReason = voidedReason
        self.body = body
        self.versions = versions
        self.notes = notes
    }
}

/// A case's version as it was after one change (`action`: create, update, transition or void).
public struct EarkivVersion: Sendable, Equatable {
    public let version: Int
    public let action: String
    public let changedAt: Date
    public let changedBy: String
    public let snapshot: String

    public init(version: Int, action: String, changedAt: Date, changedBy: String, snapshot: String) {
        self.version = version
        self.action = action
        self.changedAt = changedAt
        self.changedBy = changedBy
        self.snapshot = snapshot
    }
}

/// A lex Sarah note (fact or assessment) with the person who documented it.
public struct EarkivNote: Sendable, Equatable {
    public let number: Int
    public let documentedOn: LocalDate
    public let source: String
    public let kind: String
    public let authorName: String
    public let authorTitle: String
    public let text: String
    public let addedAt: Date
    public let addedBy: String

    public init(
        number: Int, documentedOn: LocalDate, source: String, kind: String, authorName: String, authorTitle: String,
        text: String, addedAt: Date, addedBy: String
    ) {
        self.number = number
        self.documentedOn = documentedOn
        self.source = source
        self.kind = kind
        self.authorName = authorName
        self.authorTitle = authorTitle
        self.text = text
        self.addedAt = addedAt
        self.addedBy = addedBy
    }
}

/// What an export of a year delivers: the closed cases of the year (by case number) whose rule
/// does not let them go without the archive, and how many were left out by rule or still open.
public struct EarkivUrval: Sendable, Equatable {
    public let year: Int
    public let families: [RecordFamily]
    public let cases: [EarkivArende]
    /// Closed cases whose governing rule has `earkivRequired == false` (the lowest retention class:
    /// removed by gallring without delivery), so not delivered.
    public let leftOutByRule: Int
    /// Cases of the year still open: delivered by a later export, once closed.
    public let open: Int

    public init(year: Int, families: [RecordFamily], cases: [EarkivArende], leftOutByRule: Int, open: Int) {
        self.year = year
        self.families = families
        self.cases = cases
        self.leftOutByRule = leftOutByRule
        self.open = open
    }
}

/// A package delivered to the e-arkiv (`earkiv_leveranser`): its id (the METS OBJID and folder
/// name), when and by whom it was made, the year and families it covers, how many cases it holds,
/// and the SHA-256 (hex) of its METS.xml.
public struct EarkivLeverans: Sendable, Equatable {
    public let packageId: String
    public let madeAt: Date
    public let madeBy: String
    public let year: Int
    public let families: [RecordFamily]
    public let records: Int
    public let metsSha256: String

    public init(
        packageId: String, madeAt: Date, madeBy: String, year: Int, families: [RecordFamily], records: Int,
        metsSha256: String
    ) {
        self.packageId = packageId
        self.madeAt = madeAt
        self.madeBy = madeBy
        self.year = year
        self.families = families
        self.records = records
        self.metsSha256 = metsSha256
    }
}
