import Foundation
import KvalitetDomain
@testable import KvalitetServer
import Testing

@Suite("Mapping claims to roles and units")
struct OIDCRoleMappingTests {
    let settings = testOIDCSettings()

    @Test func theStrongestMappedRoleWinsWithTheUnionOfItsUnits() {
        #expect(
            settings.grant(for: ["Kvalitet.Lasare", "Kvalitet.IFO", "Kvalitet.Vuxen"])
                == OIDCRoleMapping(role: .kvalitet, unitIds: ["ifo", "vuxen"]))
        #expect(settings.grant(for: ["Kvalitet.IFO", "Kvalitet.Admin"]) == OIDCRoleMapping(role: .admin))
        #expect(settings.grant(for: ["Kvalitet.Rapportor"]) == OIDCRoleMapping(role: .rapportor))
        #expect(settings.grant(for: ["Okand"]) == nil && settings.grant(for: []) == nil)
    }

    @Test func flagsAndTheMappingFileMakeTheSettingsAndFlagsWin() {
        var input = OIDCSettingsInput()
        input.issuer = OIDCFixture.issuer
        input.audience = OIDCFixture.audience
        input.mappingFile = "/etc/kvalitet/roller.json"
        input.roles = ["Kvalitet.IFO=kvalitet:ifo,ifo-utr"]
        let file =
            #"{"roleClaim": "groups", "titleClaim": "jobTitle", "#
            + #""roles": {"Kvalitet.IFO": {"role": "lasare"}, "g-1": {"role": "admin"}}}"#
        let (settings, problems) = input.settings(readFile: { _ in Data(file.utf8) })
        #expect(problems == [])
        #expect(settings?.roleClaim == "groups" && settings?.titleClaim == "jobTitle" && settings?.nameClaim == "name")
        #expect(
            settings?.roleMappings == [
                "Kvalitet.IFO": OIDCRoleMapping(role: .kvalitet, unitIds: ["ifo", "ifo-utr"]),
                "g-1": OIDCRoleMapping(role: .admin),
            ])
    }

    @Test func badSettingsListEveryProblem() {
        var input = OIDCSettingsInput()
        input.issuer = "login.example"
        input.roles = ["Kvalitet.X=chef", "Kvalitet.Y"]
        input.mappingFile = "roller.json"
        let (settings, problems) = input.settings(readFile: { _ in
            Data(#"{"roles": {"a": {"role": "kvalitet", "units": []}}, "x": 1}"#.utf8)
        })
        #expect(settings == nil)
        #expect(problems.count == 6, "\(problems)")
        #expect(
            problems.contains { $0.contains("--oidc-issuer") } && problems.contains { $0.contains("--oidc-audience") })
        #expect(
            problems.contains { $0.contains("Kvalitet.X=chef") } && problems.contains { $0.contains("unknown key x") })
    }

    @Test func nothingGivenMeansSignInIsOff() {
        let (settings, problems) = OIDCSettingsInput().settings()
        #expect(settings == nil && problems.isEmpty)
    }
}
