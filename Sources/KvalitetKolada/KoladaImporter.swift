import Foundation
import KvalitetDomain
import KvalitetStorage

/// One import: fetch from Kolada (outside any transaction: the network is slow), then store
/// everything in one transaction. Shared by `kvalitet kolada import` and the admin endpoint.
public struct KoladaImporter: Sendable {
    public let client: KoladaClient
    public let store: KoladaStore

    public init(client: KoladaClient, store: KoladaStore) {
        self.client = client
        self.store = store
    }

    /// What an import did: the values stored (by municipality id, then year), the pages read from
    /// Kolada and the values those pages held.
    public struct Result: Sendable {
        public let stored: [KoladaValue]
        public let pages: Int
        public let valuesRead: Int
    }

    public func run(_ request: KoladaImportRequest, by actor: Actor) async throws -> Result {
        let fetched = try await client.fetch(kpi: request.kpi, municipalities: request.municipalityIds,
                                             years: request.years)
        let values = fetched.values
            .filter { request.municipalityIds.contains($0.municipality) && request.years.contains($0.year) }
        // A value repeated across pages counts once (the last one fetched wins, as the upsert would).
        var unique: [String: KoladaValue] = [:]
        for value in values { unique["\(value.municipality)/\(value.year)"] = value }
        let sorted = unique.values.sorted { ($0.municipality, $0.year) < ($1.municipality, $1.year) }
        try await store.store(kpi: request.kpi, municipality: request.municipality, group: request.group,
                              years: request.years, values: sorted, by: actor)
        return Result(stored: sorted, pages: fetched.pages, valuesRead: fetched.valuesRead)
    }
}
