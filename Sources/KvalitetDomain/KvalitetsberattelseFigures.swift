import Foundation

/// The yearly figures of the kvalitetsberättelse (API.md), computed from the records; no free text.
public struct Kvalitetsberattelse: Sendable, Equatable {
    public var request: ReportRequest
    public var generatedAt: Date
    public var received: Received
    public var lexSarah: LexSarahFigures
    public var analysis: Analysis
    public var riskanalyser: Riskanalyser
    public var egenkontroller: Egenkontroller
    public var tillsyn: [Tillsyn]
    public var handlingTimes: HandlingTimes
    /// Every key figure that is not voided, by code.
    public var nyckeltal: [NyckeltalFigure]

    public init(
        request: ReportRequest, generatedAt: Date, received: Received, lexSarah: LexSarahFigures, analysis: Analysis,
        riskanalyser: Riskanalyser, egenkontroller: Egenkontroller, tillsyn: [Tillsyn], handlingTimes: HandlingTimes,
        nyckeltal: [NyckeltalFigure] = []
    ) {
        self.nyckeltal = nyckeltal
        self.request = request
        self.generatedAt = generatedAt
        self.received = received
        self.lexSarah = lexSarah
        self.analysis = analysis
        self.riskanalyser = riskanalyser
        self.egenkontroller = egenkontroller
        self.tillsyn = tillsyn
        self.handlingTimes = handlingTimes
    }

    /// Section 4.1: what came in during the year.
    public struct Received: Sendable, Equatable {
        public var klagomalUtomstaende, klagomalPersonal, kvalitetsavvikelser, lexSarah: ReceivedFigure
        public init(
            klagomalUtomstaende: ReceivedFigure, klagomalPersonal: ReceivedFigure, kvalitetsavvikelser: ReceivedFigure,
            lexSarah: ReceivedFigure
        ) {
            self.klagomalUtomstaende = klagomalUtomstaende
            self.klagomalPersonal = klagomalPersonal
            self.kvalitetsavvikelser = kvalitetsavvikelser
            self.lexSarah = lexSarah
        }
    }

    /// Lex Sarah treated by the committee's working group (AU) and reported to IVO.
    public struct LexSarahFigures: Sendable, Equatable {
        public var committeeTreated: Int
        public var committeeTreatedSeries: [YearCount]
        public var seriousOfCommitteeTreated: Int
        public var reportedToIvo: Int
        public var openAtYearEnd: Int
        public var investigationsOverdueToIvo: Int
        public init(
            committeeTreated: Int, committeeTreatedSeries: [YearCount], seriousOfCommitteeTreated: Int,
            reportedToIvo: Int,
            openAtYearEnd: Int, investigationsOverdueToIvo: Int
        ) {
            self.committeeTreated = committeeTreated
            self.committeeTreatedSeries = committeeTreatedSeries
            self.seriousOfCommitteeTreated = seriousOfCommitteeTreated
            self.reportedToIvo = reportedToIvo
            self.openAtYearEnd = openAtYearEnd
            self.investigationsOverdueToIvo = investigationsOverdueToIvo
        }
    }

    /// Section 4.2: patterns over the analysis period.
    public struct Analysis: Sendable, Equatable {
        public var avvikelserClosed: Int
        public var avvikelserByCategory: [CodeCount]
        public var avvikelserByRootCause: [CodeCount]
        /// Per unit (the record's own *verksamhet*): its count and categories, sorted like every list.
        public var avvikelserByUnit: [UnitCount]
        public var klagomalClosed: Int
        public var klagomalBySubject: [CodeCount]
        public var klagomalByOutcome: [CodeCount]
        public var klagomalBySubmitter: [CodeCount]
        public var lexSarahCommitteeTreated: Int
        /// Each report once in each of its kinds: these may add up to more than the reports treated.
        public var lexSarahByKind: [CodeCount]
        public var lexSarahByAssessment: [CodeCount]
        public var lexSarahByRootCause: [CodeCount]
        public init() {
            avvikelserClosed = 0; avvikelserByCategory = []; avvikelserByRootCause = []; avvikelserByUnit = []
            klagomalClosed = 0; klagomalBySubject = []; klagomalByOutcome = []; klagomalBySubmitter = []
            lexSarahCommitteeTreated = 0; lexSarahByKind = []; lexSarahByAssessment = []; lexSarahByRootCause = []
        }
    }

    /// A unit's count with its breakdown.
    public struct UnitCount: Sendable, Equatable {
        public let unitId: String
        public let count: Int
        public let byCategory: [CodeCount]
        public init(unitId: String, count: Int, byCategory: [CodeCount]) {
            self.unitId = unitId
            self.count = count
            self.byCategory = byCategory
        }
    }

    /// How many units of a level a record names (itself or below), of those open during the year.
    public struct Coverage: Sendable, Equatable {
        public var departmentsCovered = 0, departmentsTotal = 0, sectionsCovered = 0, sectionsTotal = 0
        public init() {}
    }

    /// Section 4.3.
    public struct Riskanalyser: Sendable, Equatable {
        public var count = 0, documented = 0, highRisks = 0
        public var byTrigger: [CodeCount] = []
        public var byDepartment: [CodeCount] = []
        public var coverage = Coverage()
        public init() {}
    }

    /// Section 4.4, with the user survey's totals.
    public struct Egenkontroller: Sendable, Equatable {
        public var count = 0, documented = 0, withDeficiencies = 0
        public var byArea: [CodeCount] = []
        public var byMethod: [CodeCount] = []
        public var coverage = Coverage()
        public var surveyOffered = 0, surveyResponses = 0
        public var responseRate: Double? {
            ReportRules.responseRate(offered: surveyOffered, responses: surveyResponses)
        }
        public init() {}
    }

    /// Section 5: decisions of one supervisory authority in the year.
    public struct Tillsyn: Sendable, Equatable {
        public let authority: String
        public let decisions: Int
        public let cases: Int
        public let casesWithDeficiencies: Int
        public init(authority: String, decisions: Int, cases: Int, casesWithDeficiencies: Int) {
            self.authority = authority
            self.decisions = decisions
            self.cases = cases
            self.casesWithDeficiencies = casesWithDeficiencies
        }
    }

    /// Days from received (reported) to closed (lex Sarah: investigation completed) for those closed in the year.
    public struct HandlingTime: Sendable, Equatable {
        public let closed: Int
        public let medianDays: Int?
        public let p90Days: Int?
        public init(days: [Int]) {
            closed = days.count
            medianDays = ReportRules.nearestRank(days, percentile: 50)
            p90Days = ReportRules.nearestRank(days, percentile: 90)
        }
        /// From how many were closed after each number of days.
        public init(histogram: [Int: Int]) {
            closed = histogram.values.reduce(0, +)
            medianDays = ReportRules.nearestRank(histogram: histogram, percentile: 50)
            p90Days = ReportRules.nearestRank(histogram: histogram, percentile: 90)
        }
    }

    /// Handling times of the three families that have one.
    public struct HandlingTimes: Sendable, Equatable {
        public var kvalitetsavvikelser, klagomal, lexSarah: HandlingTime
        public init(kvalitetsavvikelser: HandlingTime, klagomal: HandlingTime, lexSarah: HandlingTime) {
            self.kvalitetsavvikelser = kvalitetsavvikelser
            self.klagomal = klagomal
            self.lexSarah = lexSarah
        }
    }
}
