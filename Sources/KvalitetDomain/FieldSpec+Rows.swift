/// The rows field tables are written in: one line per field, naming its key, where it goes in the
/// draft and where it comes from in the fields.
extension FieldSpec {
    /// A text; `freeText` when it may hold personal data.
    public static func text(_ key: String, _ draft: WritableKeyPath<Kind.Draft, String?>,
                            _ fields: KeyPath<Kind.Fields, String>,
                            freeText: Bool = false) -> Self {
        .init(key, freeText: freeText ? [""] : [], isFact: !freeText, read: { $0[keyPath: draft] = $1.string() },
              show: { f, _ in .string(f[keyPath: fields]) })
    }

    public static func optionalText(_ key: String, _ draft: WritableKeyPath<Kind.Draft, String?>,
                                    _ fields: KeyPath<Kind.Fields, String?>, freeText: Bool = false) -> Self {
        .init(key, freeText: freeText ? [""] : [], isFact: !freeText, read: { $0[keyPath: draft] = $1.string() },
              show: { f, _ in .text(f[keyPath: fields]) })
    }

    public static func date(_ key: String, _ draft: WritableKeyPath<Kind.Draft, LocalDate?>,
                            _ fields: KeyPath<Kind.Fields, LocalDate>) -> Self {
        .init(key, isFact: true, read: { $0[keyPath: draft] = $1.date() }, show: { f, _ in .date(f[keyPath: fields]) })
    }

    public static func optionalDate(_ key: String, _ draft: WritableKeyPath<Kind.Draft, LocalDate?>,
                                    _ fields: KeyPath<Kind.Fields, LocalDate?>, role: Role = .editable) -> Self {
        .init(key, role: role, isFact: true, read: { $0[keyPath: draft] = $1.date() },
              show: { f, _ in .date(f[keyPath: fields]) })
    }

    public static func code<C: Code>(_ key: String, _ draft: WritableKeyPath<Kind.Draft, C?>,
                                     _ fields: KeyPath<Kind.Fields, C>) -> Self {
        Self(key, isFact: true, read: { $0[keyPath: draft] = $1.code(C.self) },
             show: { f, _ in .code(f[keyPath: fields]) }).coded(C.self)
    }

    public static func optionalCode<C: Code>(_ key: String, _ draft: WritableKeyPath<Kind.Draft, C?>,
                                             _ fields: KeyPath<Kind.Fields, C?>, role: Role = .editable) -> Self {
        Self(key, role: role, isFact: true, read: { $0[keyPath: draft] = $1.code(C.self) },
             show: { f, _ in .code(f[keyPath: fields]) }).coded(C.self)
    }

    public static func codes<C: Code>(_ key: String, _ draft: WritableKeyPath<Kind.Draft, [C]?>,
                                      _ fields: KeyPath<Kind.Fields, [C]>) -> Self {
        Self(key, read: { $0[keyPath: draft] = $1.codes(C.self) }, show: { f, _ in .codes(f[keyPath: fields]) })
            .coded(C.self)
    }

    /// A list of texts (`unitIds`, `participants`).
    public static func texts(_ key: String, _ draft: WritableKeyPath<Kind.Draft, [String]?>,
                             _ fields: KeyPath<Kind.Fields, [String]>, freeText: Bool = false) -> Self {
        .init(key, freeText: freeText ? [""] : [], read: { $0[keyPath: draft] = $1.strings(maxCount: 100) },
              show: { f, _ in .texts(f[keyPath: fields]) })
    }

    public static func bool(_ key: String, _ draft: WritableKeyPath<Kind.Draft, Bool?>, _ fields: KeyPath<Kind.Fields,
                            Bool>) -> Self {
        .init(key, isFact: true, read: { $0[keyPath: draft] = $1.bool() }, show: { f, _ in .bool(f[keyPath: fields]) })
    }

    /// Measures (*åtgärder*): free text as a whole, counted in CSV.
    public static func measures(_ key: String, _ draft: WritableKeyPath<Kind.Draft, [MeasureDraft]?>,
                                _ fields: KeyPath<Kind.Fields, [Measure]>) -> Self {
        .init(key, freeText: [""], read: { $0[keyPath: draft] = $1.measures() },
              show: { f, _ in .list(f[keyPath: fields].map(\.fieldValue)) })
    }
}

extension Measure {
    /// A measure as shown.
    public var fieldValue: FieldValue {
        .members([("description", .string(description)), ("responsible", .text(responsible)),
                  ("dueOn", .date(dueOn)), ("doneOn", .date(doneOn))])
    }
}
