import Foundation
import HTTPTypes
import Hummingbird
import KvalitetDomain
import KvalitetStorage
@testable import KvalitetServer
import Testing

/// openapi.yaml against the server: the routes, their query parameters, the code lists and the
/// records' fields must be the same in both, so the two cannot drift apart unnoticed.
/// (scripts/contract checks the rest against the running server: schemathesis.)
@Suite("openapi.yaml describes exactly what the server serves")
struct OpenAPIContractTests {
    static let httpMethods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    static func spec() throws -> YAMLNode {
        try YAMLNode.parse(try String(contentsOfFile: TestApp.openAPI, encoding: .utf8))
    }

    /// Every documented operation, keyed `method path`, with its path item and operation nodes.
    static func operations(_ spec: YAMLNode) -> [String: (path: YAMLNode, operation: YAMLNode)] {
        var result: [String: (YAMLNode, YAMLNode)] = [:]
        for path in spec["paths"]?.children ?? [] {
            for operation in path.children where httpMethods.contains(operation.key) {
                result["\(operation.key) \(path.key)"] = (path, operation)
            }
        }
        return result
    }

    /// The parameters of an operation (its path item's and its own) as `in name`, $refs resolved.
    static func parameters(_ spec: YAMLNode, path: YAMLNode, operation: YAMLNode) -> [(location: String, name: String)] {
        ((path["parameters"]?.items ?? []) + (operation["parameters"]?.items ?? [])).compactMap { item in
            var node = item
            if let ref = item["$ref"]?.scalar {
                guard ref.hasPrefix("#/components/parameters/"),
                      let target = spec.at(["components", "parameters", String(ref.dropFirst("#/components/parameters/".count))])
                else { return ("unresolved", ref) }
                node = target
            }
            guard let location = node["in"]?.scalar, let name = node["name"]?.scalar else { return ("incomplete", item.key) }
            return (location, name)
        }
    }

    static func properties(_ spec: YAMLNode, _ schema: String) -> Set<String> {
        Set(spec.at(["components", "schemas", schema, "properties"])?.keys ?? [])
    }

    static func required(_ spec: YAMLNode, _ schema: String) -> Set<String> {
        Set(spec.at(["components", "schemas", schema, "required"])?.list ?? [])
    }

    @Test func theSpecIsOpenAPI31WithPathsComponentsAndTheBearerScheme() throws {
        let spec = try Self.spec()
        #expect(spec["openapi"]?.scalar?.hasPrefix("3.1.") == true)
        #expect(spec.at(["info", "title"])?.scalar == "Kvalitet")
        #expect(Self.operations(spec).count > 40)
        #expect(spec.at(["components", "securitySchemes", "bearerAuth", "scheme"])?.scalar == "bearer")
        #expect(spec["security"]?.items.first?["bearerAuth"] != nil)
    }

    /// Every `$ref` in the document, with where it was found (a JSON pointer).
    static func references(in node: YAMLNode, at pointer: String = "") -> [(ref: String, at: String)] {
        let own = node["$ref"]?.scalar.map { [($0, pointer)] } ?? []
        return own + (node.children + node.items).flatMap { references(in: $0, at: pointer + "/" + $0.key) }
    }

    @Test func everyReferenceNamesAComponentTheSpecDefines() throws {
        let spec = try Self.spec()
        let references = Self.references(in: spec)
        #expect(references.count > 500)
        for (ref, pointer) in references {
            let path = ref.hasPrefix("#/") ? ref.dropFirst(2).split(separator: "/").map(String.init) : []
            #expect(path.first == "components" && spec.at(path) != nil, "\(pointer): \(ref) names nothing")
        }
    }

    /// The keywords of every property schema, with where they are: a flow mapping whose unquoted
    /// description holds a comma turns the rest of the sentence into a keyword of its own.
    static func propertyKeywords(in node: YAMLNode, at pointer: String = "") -> [(keyword: String, at: String)] {
        let own =
            node.key == "properties"
            ? node.children.flatMap { property in property.keys.map { ($0, pointer + "/" + property.key) } } : []
        return own + (node.children + node.items).flatMap { propertyKeywords(in: $0, at: pointer + "/" + $0.key) }
    }

    @Test func everyPropertySchemaIsMadeOfKeywordsNotOfHalfSentences() throws {
        let keywords = Self.propertyKeywords(in: try Self.spec())
        #expect(keywords.count > 1000)
        for (keyword, pointer) in keywords where keyword.contains(" ") {
            Issue.record("\(pointer): \"\(keyword)\" is no keyword; quote the description before it")
        }
    }

    /// Where a schema is of the type null alone, which client generators cannot model.
    static func nullOnlySchemas(in node: YAMLNode, at pointer: String = "") -> [String] {
        (node["type"]?.scalar == "null" ? [pointer] : [])
            + (node.children + node.items).flatMap { nullOnlySchemas(in: $0, at: pointer + "/" + $0.key) }
    }

    @Test func noSchemaIsOfTheTypeNullAloneSoGeneratorsKeepIt() throws {
        #expect(Self.nullOnlySchemas(in: try Self.spec()) == [])
    }

    @Test func aSpecThatCannotBeReadFailsInsteadOfPassingHalfRead() {
        #expect(throws: (any Error).self) { try YAMLNode.parse("paths:\n  /a: [unclosed\n") }
        #expect(throws: (any Error).self) { try YAMLNode.parse("- a list, not the mapping a spec is\n") }
        #expect(throws: (any Error).self) { try YAMLNode.parse("") }
        #expect(throws: (any Error).self) { try String(contentsOfFile: TestApp.openAPI + ".missing", encoding: .utf8) }
    }

    @Test func everyRouteTheRouterRegistersIsDocumentedWithTheSameMethodsAndNothingElse() async throws {
        let app = try await TestApp.make()
        let (_, table) = buildRouter(app.config, services: app.services)
        let served = Set(table.openAPIPaths.map { "\($0.method) \($0.path)" })
        let documented = Set(Self.operations(try Self.spec()).keys)
        #expect(served.count == table.routes.count, "a route is registered twice")
        #expect(served.subtracting(documented).sorted() == [], "served, but not in openapi.yaml")
        #expect(documented.subtracting(served).sorted() == [], "in openapi.yaml, but not served")
    }

    @Test func everyOperationDocumentsExactlyTheQueryParametersItReads() async throws {
        let app = try await TestApp.make()
        let (_, table) = buildRouter(app.config, services: app.services)
        let spec = try Self.spec()
        for (key, (path, operation)) in Self.operations(spec) {
            let parameters = Self.parameters(spec, path: path, operation: operation)
            #expect(!parameters.contains { ["unresolved", "incomplete"].contains($0.location) }, "\(key): \(parameters)")
            let documented = Set(parameters.filter { $0.location == "query" }.map(\.name))
            #expect(documented == table.queryParameters[key] ?? [], "\(key)")
            // Every {name} of the path is a documented path parameter, and nothing else is.
            let inPath = Set(path.key.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            #expect(Set(parameters.filter { $0.location == "path" }.map(\.name)) == inPath, "\(key)")
        }
    }

    @Test func everyOperationDocumentsTheErrorsItCanGive() throws {
        let spec = try Self.spec()
        for (key, (_, operation)) in Self.operations(spec) {
            let statuses = Set(operation["responses"]?.keys ?? [])
            #expect(statuses.contains { $0.hasPrefix("2") }, "\(key) has no success response")
            let isPublic = operation["security"]?.list == []
            #expect(isPublic != statuses.contains("401"), "\(key): 401 exactly where a token is needed")
            if operation["requestBody"] != nil {
                #expect(statuses.isSuperset(of: ["400", "413", "415", "422"]), "\(key)")
            }
            let parameters = Self.parameters(spec, path: Self.operations(spec)[key]!.path, operation: operation)
            if parameters.contains(where: { $0.location == "header" && $0.name == "If-Match" }) {
                #expect(statuses.contains("412"), "\(key)")
            }
            if operation["parameters"]?.items.contains(where: { $0["$ref"]?.scalar == "#/components/parameters/If-Match" }) == true {
                #expect(statuses.contains("428"), "\(key)")
            }
            if parameters.contains(where: { $0.location == "query" }) { #expect(statuses.contains("400"), "\(key)") }
            if parameters.contains(where: { $0.location == "path" }) { #expect(statuses.contains("404") || statuses.contains("400"), "\(key)") }
            #expect(operation["operationId"]?.scalar != nil, "\(key) has no operationId")
        }
    }

    @Test func everyKodverkListIsASchemaWithTheSameCodesInTheSameOrder() throws {
        let spec = try Self.spec()
        for list in Kodverk.all {
            let documented = spec.at(["components", "schemas", list.name, "enum"])?.list
            #expect(documented == list.codes.map(\.code), "components.schemas.\(list.name)")
        }
        #expect(spec.at(["components", "schemas", "Kodverk", "required"])?.list == Kodverk.all.map(\.name))
        #expect(Self.properties(spec, "Kodverk") == Set(Kodverk.all.map(\.name)))
    }

    @Test func eachFamilysSchemasHaveExactlyItsWireFields() throws {
        let spec = try Self.spec()
        func check<Kind: StoredKind>(_ kind: Kind.Type) {
            let table = Kind.fieldTable
            let schema = String(describing: kind)
            let meta: Set<String> = ["id", "status", "version", "createdAt", "createdBy", "updatedAt", "voided"]
            let record = meta.union(table.keys).union(table.computedKeys)
            #expect(Self.properties(spec, schema) == record, "\(schema)")
            // Lists leave out the top-level free text but the title; everything else is always there.
            let leftOutOfLists = Set(table.freeTextPaths.filter { !$0.contains("/") }).subtracting(["title"])
            #expect(Self.required(spec, schema) == record.subtracting(leftOutOfLists), "\(schema) required")
            #expect(Self.properties(spec, schema + "Create") == table.editableKeys, "\(schema)Create")
            #expect(Self.properties(spec, schema + "Patch") == table.editableKeys, "\(schema)Patch")
            #expect(Self.properties(spec, schema + "Transition") == RecordWire<Kind>.transitionKeys.union(["to"]),
                    "\(schema)Transition")
        }
        for family in RecordFamily.allCases { check(family.storedKind) }
        #expect(Self.properties(spec, "Risk") == RiskDraft.inputKeys.union(RiskDraft.computedKeys))
        #expect(Self.properties(spec, "RiskInput") == RiskDraft.inputKeys)
        #expect(Self.properties(spec, "LexSarahNote") == Set(JSONValue(LexSarahNote(
            number: 1, documentedOn: LocalDate("2025-03-04")!, source: "s", kind: .faktum, authorName: "a", authorTitle: "t",
            text: "x", addedAt: Date(), addedBy: "b").fieldValue).objectKeys))
    }

    @Test func theUnitSchemasHaveExactlyTheUnitsWireFields() throws {
        let spec = try Self.spec()
        let unit = OrgUnit(id: "ifo", name: "IFO", level: .forvaltning, parentId: nil, area: nil)
        #expect(Self.properties(spec, "Unit") == Set(UnitRoutes.json(unit, tree: OrgTree([unit])).objectKeys))
        #expect(Self.properties(spec, "UnitInput") == UnitRoutes.keys)
    }
}

extension JSONValue {
    var objectKeys: [String] {
        if case .object(let object) = self { return object.keys }
        return []
    }
}
