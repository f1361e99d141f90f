import Foundation
import KvalitetDomain

/// A case's descriptive metadata (`metadata/descriptive/{case}.xml`, namespace `namespace`, schema
/// `schemas/kvalitet-arende.xsd`): register data, the current content, every version's content and
/// the notes with their authors. Content is written field by field from the stored JSON as `falt`
/// elements (name, JSON type, text or nested fields), so every family's fields, decisions and
/// measures come along without a per-family mapping. An instant the stored JSON keeps as a number
/// (`instant(_:_:)`) is written as `typ="dateTime"` with its ISO 8601 UTC time in `tid` (xs:dateTime).
enum EarkivArendeXML {
    static let namespace = "urn:kvalitet:earkiv:arende:1"

    /// The keys under which the stored JSON keeps an instant as milliseconds since 1970 (the storage
    /// codec's `.millisecondsSince1970`): the record's `createdAt` and `updatedAt`, a note's `addedAt`.
    static let instantKeys: Set<String> = ["createdAt", "updatedAt", "addedAt"]

    /// The instant a stored JSON value stands for when `key` names one, read as the record decoder
    /// reads it (milliseconds / 1000); nil for any other key or value.
    static func instant(_ key: String?, _ value: JSONValue) -> Date? {
        guard let key, instantKeys.contains(key), case .number(let text) = value, let millis = Double(text) else {
            return nil
        }
        return Date(timeIntervalSince1970: millis / 1000)
    }

    static func document(_ arende: EarkivArende) -> [UInt8] {
        var x = EarkivXMLWriter()
        x.start("arende", [("xmlns", namespace), ("id", arende.id), ("familj", arende.family.rawValue)])
        x.element("rubrik", text: arende.title)
        x.element("status", text: arende.status)
        x.element("registrerat", text: arende.primaryDate.description)
        x.element("avslutat", text: arende.closedOn.description)
        x.start("enheter")
        for unit in arende.units { x.element("enhet", text: unit) }
        x.end()
        x.element("skapat", [("tid", Timestamp.format(arende.createdAt)), ("av", arende.createdBy)])
        x.element("andrat", [("tid", Timestamp.format(arende.updatedAt)), ("version", String(arende.version))])
        if let voidedOn = arende.voidedOn {
            x.element("makulerat", [("datum", voidedOn.description)], text: arende.voidedReason ?? "")
        }
        content(&x, json: arende.body)
        x.start("versioner")
        for version in arende.versions {
            x.start("version", [
                ("nummer", String(version.version)), ("handling", version.action),
                ("tid", Timestamp.format(version.changedAt)), ("av", version.changedBy),
            ])
            content(&x, json: version.snapshot)
            x.end()
        }
        x.end()
        x.start("anteckningar")
        for note in arende.notes {
            x.start("anteckning", [
                ("nummer", String(note.number)), ("dokumenterad", note.documentedOn.description), ("typ", note.kind),
                ("tillagd", Timestamp.format(note.addedAt)), ("av", note.addedBy),
            ])
            x.element("forfattare", [("namn", note.authorName), ("titel", note.authorTitle)])
            x.element("kalla", text: note.source)
            x.element("text", text: note.text)
            x.end()
        }
        x.end()
        x.end()
        return x.bytes
    }

    /// `<innehall>` with the JSON object's fields; a body that is not JSON is kept as its text.
    private static func content(_ x: inout EarkivXMLWriter, json: String) {
        guard case .object(let object)? = try? JSONParser.parse(Array(json.utf8)) else {
            x.element("innehall", text: json)
            return
        }
        x.start("innehall")
        for key in object.keys { field(&x, name: key, object[key] ?? .null) }
        x.end()
    }

    private static func field(_ x: inout EarkivXMLWriter, name: String?, _ value: JSONValue) {
        var attributes = name.map { [("namn", $0)] } ?? []
        if let instant = instant(name, value) {
            x.element("falt", attributes + [("typ", "dateTime"), ("tid", Timestamp.format(instant))])
            return
        }
        attributes.append(("typ", value.typeName))
        switch value {
        case .null: x.element("falt", attributes)
        case .bool(let flag): x.element("falt", attributes, text: flag ? "true" : "false")
        case .number(let text), .string(let text): x.element("falt", attributes, text: text)
        case .array(let items):
            x.start("falt", attributes)
            for item in items { field(&x, name: nil, item) }
            x.end()
        case .object(let object):
            x.start("falt", attributes)
            for key in object.keys { field(&x, name: key, object[key] ?? .null) }
            x.end()
        }
    }

    /// The XML Schema of `document(_:)`, shipped in every package under schemas/.
    static let schema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:a="urn:kvalitet:earkiv:arende:1"
            targetNamespace="urn:kvalitet:earkiv:arende:1" elementFormDefault="qualified">
          <xs:element name="arende">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="rubrik" type="xs:string"/>
                <xs:element name="status" type="xs:string"/>
                <xs:element name="registrerat" type="xs:date"/>
                <xs:element name="avslutat" type="xs:date"/>
                <xs:element name="enheter">
                  <xs:complexType><xs:sequence>
                    <xs:element name="enhet" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
                  </xs:sequence></xs:complexType>
                </xs:element>
                <xs:element name="skapat">
                  <xs:complexType>
                    <xs:attribute name="tid" type="xs:dateTime" use="required"/>
                    <xs:attribute name="av" type="xs:string" use="required"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="andrat">
                  <xs:complexType>
                    <xs:attribute name="tid" type="xs:dateTime" use="required"/>
                    <xs:attribute name="version" type="xs:positiveInteger" use="required"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="makulerat" minOccurs="0">
                  <xs:complexType><xs:simpleContent><xs:extension base="xs:string">
                    <xs:attribute name="datum" type="xs:date" use="required"/>
                  </xs:extension></xs:simpleContent></xs:complexType>
                </xs:element>
                <xs:element ref="a:innehall"/>
                <xs:element name="versioner">
                  <xs:complexType><xs:sequence>
                    <xs:element name="version" minOccurs="0" maxOccurs="unbounded">
                      <xs:complexType>
                        <xs:sequence><xs:element ref="a:innehall"/></xs:sequence>
                        <xs:attribute name="nummer" type="xs:positiveInteger" use="required"/>
                        <xs:attribute name="handling" type="xs:string" use="required"/>
                        <xs:attribute name="tid" type="xs:dateTime" use="required"/>
                        <xs:attribute name="av" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence></xs:complexType>
                </xs:element>
                <xs:element name="anteckningar">
                  <xs:complexType><xs:sequence>
                    <xs:element name="anteckning" minOccurs="0" maxOccurs="unbounded">
                      <xs:complexType>
                        <xs:sequence>
                          <xs:element name="forfattare">
                            <xs:complexType>
                              <xs:attribute name="namn" type="xs:string" use="required"/>
                              <xs:attribute name="titel" type="xs:string" use="required"/>
                            </xs:complexType>
                          </xs:element>
                          <xs:element name="kalla" type="xs:string"/>
                          <xs:element name="text" type="xs:string"/>
                        </xs:sequence>
                        <xs:attribute name="nummer" type="xs:positiveInteger" use="required"/>
                        <xs:attribute name="dokumenterad" type="xs:date" use="required"/>
                        <xs:attribute name="typ" type="xs:string" use="required"/>
                        <xs:attribute name="tillagd" type="xs:dateTime" use="required"/>
                        <xs:attribute name="av" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence></xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="id" type="xs:string" use="required"/>
              <xs:attribute name="familj" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="innehall" type="a:falt"/>
          <xs:complexType name="falt" mixed="true">
            <xs:sequence>
              <xs:element name="falt" type="a:falt" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:attribute name="namn" type="xs:string"/>
            <xs:attribute name="typ" type="xs:string"/>
            <xs:attribute name="tid" type="xs:dateTime"/>
          </xs:complexType>
        </xs:schema>

        """
}
