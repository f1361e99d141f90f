import KvalitetDomain

extension DemoRecords {
    /// A demo lex Sarah report's kinds of missförhållande, weighted roughly as municipal reports
    /// fall: mostly one kind, about one in six two (a wrong carried out with a lack of documentation,
    /// a psychological abuse with a lack of bemötande, …), never the same kind twice.
    static func lexSarahKinds(_ random: inout SplitMix64) -> [LexSarahKind] {
        let weights: [(LexSarahKind, Int)] = [
            (.insatsUtfordFelaktigt, 18), (.insatsInteUtford, 12), (.bristerIHandlaggning, 18), (.rojdSekretess, 12),
            (.bristerIBemotande, 10), (.bristerIDokumentation, 8), (.bristerITillsynOchOmsorg, 6),
            (.overgreppFysiskt, 3), (.overgreppPsykiskt, 3), (.overgreppEkonomiskt, 2), (.overgreppSexuellt, 1),
            (.bristerISamverkan, 4), (.bristerIMiljoOchUtrustning, 2), (.ovrigt, 1),
        ]
        let first = random.pick(weights)
        guard random.chance(16) else { return [first] }
        let second = random.pick(weights.filter { $0.0 != first })
        return [first, second]
    }
}
