import Foundation
import KvalitetDomain

/// One key figure's row of the page: value, level (as a coloured word, readable in black and
/// white too), the year before, and Kolada's comparison values; "–" where nothing is known.
struct NyckeltalRow {
    struct Level {
        let colour, word: String
    }

    let code, name, value, previous, municipality, group, national: String
    let level: Level?

    init(_ figure: NyckeltalFigure) {
        code = figure.code
        name = figure.name
        value = Self.show(figure.value, figure.unit)
        previous = Self.show(figure.previousYear, figure.unit)
        municipality = Self.show(figure.comparison.municipality)
        group = Self.show(figure.comparison.group)
        national = Self.show(figure.comparison.national)
        level = figure.level.map { level in
            switch level {
            case .rod: Level(colour: "#b00020", word: "Röd")
            case .gul: Level(colour: "#a07800", word: "Gul")
            case .gron: Level(colour: "#1b7a2f", word: "Grön")
            }
        }
    }

    private static func show(_ value: FixedDecimal?, _ unit: NyckeltalUnit) -> String {
        guard let value else { return "–" }
        let text = value.description.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "-", with: "−")
        return unit == .procent ? text + "\u{00A0}%" : text
    }

    private static func show(_ value: Double?) -> String {
        guard let value else { return "–" }
        return String((value * 10).rounded() / 10).replacingOccurrences(of: ".0", with: "")
            .replacingOccurrences(of: ".", with: ",")
    }
}
