/// A record family's fields described once, as a table: from it follow how a body is read into a
/// draft, how a record is shown, the keys a body may carry, the free-text paths (kept out of lists,
/// aggregates and text-less exports) and the CSV columns. The server reads and writes JSON with it;
/// the domain stays free of any format.
public struct FieldTable<Kind: RecordKind>: Sendable {
    public let fields: [FieldSpec<Kind>]
    /// Values computed on read (deadlines), shown after the fields and never accepted in a body.
    public let computed: [ComputedField<Kind>]
    /// The code list the common `category` list filter is checked against.
    public let categoryCodes: [String]
    /// The family's code lists, in the order `GET /api/v1/kodverk` lists them.
    public let codeLists: [CodeListDescription]
    /// Fields a body may no longer carry, each with what to send instead (refused with that text).
    public let retiredKeys: [String: String]

    public init(_ fields: [FieldSpec<Kind>], computed: [ComputedField<Kind>] = [], category: any Code.Type,
                codeLists: [CodeListDescription], retired: [String: String] = [:]) {
        self.fields = fields
        self.computed = computed
        self.categoryCodes = category.allCodes
        self.codeLists = codeLists
        self.retiredKeys = retired
    }

    /// Every field key, in output order.
    public var keys: [String] { fields.map(\.key) }
    public var transitionOnlyKeys: Set<String> { Set(fields.filter { $0.role == .transitionOnly }.map(\.key)) }
    public var serverManagedKeys: Set<String> { Set(fields.filter { $0.role == .serverManaged }.map(\.key)) }
    /// Keys a create or PATCH body may carry.
    public var editableKeys: Set<String> { Set(fields.filter { $0.role == .editable }.map(\.key)) }
    public var computedKeys: Set<String> { Set(computed.map(\.key)) }
    /// Paths that may hold personal data (`description`, `investigation/motivation`, `risks/*/description`).
    public var freeTextPaths: Set<String> { Set(fields.flatMap(\.freeTextPaths)) }
    /// CSV columns as paths (`investigation/assessment`), nested objects flattened, computed ones last.
    public var csvColumns: [String] { fields.flatMap(\.csvColumns) + computed.flatMap(\.csvColumns) }
    /// Each CSV column's Swedish header (`?labels=sv`), by column path.
    public var csvLabels: [String: String] {
        let pairs =
            fields.flatMap { zip($0.csvColumns, $0.csvLabels) } + computed.flatMap { zip($0.csvColumns, $0.csvLabels) }
        return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }
    /// The kodverk labels of the columns that hold codes, by column path, then by code.
    public var csvCodeLabels: [String: [String: String]] {
        fields.reduce(into: [:]) { labels, field in labels.merge(field.codeLabels) { first, _ in first } }
    }

    /// What a client sent, read member by member; the reader reports wrongly typed values.
    public func draft(from body: any FieldInput) -> Kind.Draft {
        var draft = Kind.Draft()
        for field in fields where field.role != .serverManaged { field.read(&draft, body.member(field.key)) }
        return draft
    }

    /// The fields as shown, in table order.
    public func show(_ fields: Kind.Fields, _ context: FieldContext) -> [FieldMember] {
        self.fields.map { FieldMember($0.key, $0.show(fields, context)) }
    }

    /// The fields storage keeps as columns, with their values.
    public func facts(_ fields: Kind.Fields, _ context: FieldContext) -> [FieldMember] {
        self.fields.filter(\.isFact).map { FieldMember($0.key, $0.show(fields, context)) }
    }

    /// The computed values of a record as of `context.today`.
    public func showComputed(_ record: CaseRecord<Kind>, _ context: FieldContext) -> [FieldMember] {
        computed.map { FieldMember($0.key, $0.show(record, context)) }
    }
}

/// One row of a field table. Key paths are immutable values, hence `@unchecked Sendable`.
public struct FieldSpec<Kind: RecordKind>: @unchecked Sendable {
    /// Who may set the field: any body, only a transition's, or only the service.
    public enum Role: Sendable { case editable, transitionOnly, serverManaged }

    public let key: String
    public let role: Role
    /// Paths of this field that may hold personal data.
    public let freeTextPaths: [String]
    public let csvColumns: [String]
    /// The Swedish CSV header of each of `csvColumns`, in order (`sv`); empty until labelled.
    public private(set) var csvLabels: [String] = []
    /// For columns holding codes: their kodverk labels by code, by column path.
    public private(set) var codeLabels: [String: [String: String]] = [:]
    /// A single value that is not free text: storage keeps it as a typed, checked column too.
    public let isFact: Bool
    let read: (inout Kind.Draft, any FieldInput) -> Void
    let show: (Kind.Fields, FieldContext) -> FieldValue

    /// A row; `freeText` and `csv` are paths below the key ("" is the field itself).
    public init(_ key: String, role: Role = .editable, freeText: [String] = [], csv: [String] = [""],
                isFact: Bool = false,
                read: @escaping (inout Kind.Draft, any FieldInput) -> Void,
                show: @escaping (Kind.Fields, FieldContext) -> FieldValue) {
        self.key = key
        self.role = role
        self.freeTextPaths = freeText.map { $0.isEmpty ? key : key + "/" + $0 }
        self.csvColumns = csv.map { $0.isEmpty ? key : key + "/" + $0 }
        self.isFact = isFact
        self.read = read
        self.show = show
    }

    /// The row with its Swedish CSV header, or (nested) one header per CSV column in order, and the
    /// code lists of nested columns that hold codes (`["assessment": LexSarahAssessment.self]`).
    public func sv(_ labels: String..., codes: [String: any Code.Type] = [:]) -> Self {
        precondition(labels.count == csvColumns.count, "\(key): one Swedish label per CSV column")
        var labelled = self
        labelled.csvLabels = labels
        for (path, type) in codes { labelled.codeLabels[key + "/" + path] = type.labelsByCode }
        return labelled
    }

    /// The row holding codes of `type`, whose CSV cells `?labels=sv` shows as the kodverk's labels.
    func coded<C: Code>(_ type: C.Type) -> Self {
        var coded = self
        coded.codeLabels[key] = C.labelsByCode
        return coded
    }
}

/// A value computed on read, such as a deadline.
public struct ComputedField<Kind: RecordKind>: Sendable {
    public let key: String
    public let csvColumns: [String]
    /// The Swedish CSV header of each of `csvColumns`, in order.
    public let csvLabels: [String]
    let show: @Sendable (CaseRecord<Kind>, FieldContext) -> FieldValue

    /// `sv`: the Swedish CSV header of each of `csv`, in order.
    public init(_ key: String, csv: [String], sv: [String],
                show: @escaping @Sendable (CaseRecord<Kind>, FieldContext) -> FieldValue) {
        precondition(sv.count == csv.count, "\(key): one Swedish label per CSV column")
        self.key = key
        self.csvColumns = csv.map { key + "/" + $0 }
        self.csvLabels = sv
        self.show = show
    }
}

/// What showing a record needs besides the record: today (deadlines), the settings (risk levels),
/// and whether values the service computes are shown (not in the form a merge patch applies to).
public struct FieldContext: Sendable {
    public let today: LocalDate
    public let settings: RecordSettings
    public var annotated: Bool

    public init(today: LocalDate, settings: RecordSettings, annotated: Bool = true) {
        self.today = today
        self.settings = settings
        self.annotated = annotated
    }
}

/// A draft's starting point: nothing sent yet.
public protocol RecordDraft: Sendable {
    init()
}
