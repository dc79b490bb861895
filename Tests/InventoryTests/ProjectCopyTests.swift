import Foundation
import Testing
import GeoCore
@testable import GeoIO
import TestSupport
@testable import Inventory

/// A whole project copied between a GeoPackage and PostGIS, both ways.
@Suite struct ProjectCopyTests {
    /// A project with a history: parks imported, one changed, one deleted and brought back; plans.
    func projectWithHistory(in folder: URL) throws -> String {
        let path = try ProjectFileTests().newProject(in: folder, .geoPackage)
        let source = try TestSupport.write(ProjectFileTests.parks(), to: "parks.geojson", in: folder)
        _ = try Importer(layer: "parks", source: source).run(into: path)
        try TestSupport.write(ProjectFileTests.parks(shift: 0.002), to: "parks.geojson", in: folder)
        _ = try Importer(layer: "parks", source: source).run(into: path)
        try ProjectFile.delete(path, layer: "parks", code: "P3")
        _ = try Importer(layer: "parks", source: source).run(into: path)
        _ = try Plans.importFolder(TestSupport.root.appendingPathComponent("geodata/plans").path, into: path)
        // A style of the planner's own for the parks, beside habitat's defaults.
        try GeoPackage.open(path, writable: true).setDefaultStyles([LayerStyle(table: "parks", name: "规划师", qml: "<qgis>规划师</qgis>",
                                                                              sld: "<sld/>", description: "自定义")])
        return path
    }

    @Test func aRoundTripGeoPackagePostGISGeoPackageKeepsEverything() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try projectWithHistory(in: folder)
        let database = try TestStore.postGIS.newProject(in: folder)
        let copied = try ProjectFile.copy(original, to: database)
        #expect((copied.features, copied.versions, copied.logLines) == (3, 6, 5))
        let back = folder.appendingPathComponent("back.gpkg").path
        _ = try ProjectFile.copy(database, to: back)

        let contents = try ProjectFileTests.contents(original)
        #expect(contents.contains { $0.hasPrefix("parks_history: ") } && contents.contains { $0.hasPrefix("plan_households: ") })
        #expect(try ProjectFileTests.contents(database) == contents)
        #expect(try ProjectFileTests.contents(back) == contents)
        for path in [database, back] {
            let project = try ProjectFile.open(path)
            #expect(project.name == "曲靖" && project.crs.identifier == "EPSG:4544")
            #expect(try project.plans().households.count == ProjectFile.open(original).plans().households.count)
        }
        // Every style, the planner's too, each naming the schema (none in a file) its table is in.
        func styles(_ path: String) throws -> [String] {
            let rows = try ProjectFile.open(path).package.read(GeoPackage.stylesTable)
            return rows.features.indices.map { index in
                ["f_table_schema", "f_table_name", "styleName", "styleQML", "styleSLD", "useAsDefault", "description"]
                    .map { rows.value($0, at: index).description }.joined(separator: "|")
            }.sorted()
        }
        let originalStyles = try styles(original)
        #expect(originalStyles.count == LayerSchema.all.count + 1 && originalStyles.contains { $0.contains("<qgis>规划师</qgis>") })
        let schema = TestSupport.schema(of: database)
        #expect(try styles(database) == originalStyles.map { schema + $0 })
        #expect(try styles(back) == originalStyles)
        try ProjectFileTests().expectValid(database)
        try ProjectFileTests().expectValid(back)

        // The copy in the database goes on where the original left off.
        let next = try Importer(layer: "canopy", source: TestSupport.write(ProjectFileTests.parks(), to: "canopy.geojson", in: folder)).run(into: database)
        #expect(next.batch == 6)
    }

    @Test func aCopyOntoAProjectIsRefusedAndChangesNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try projectWithHistory(in: folder)
        let database = try TestStore.postGIS.newProject(in: folder)
        _ = try ProjectFile.create(database, crs: CRS("EPSG:4544"), name: "另一个")
        let before = try ProjectFileTests.contents(database)
        #expect(throws: InventoryError.exists(PostGISAddress.masked(database))) { try ProjectFile.copy(original, to: database) }
        #expect(try ProjectFileTests.contents(database) == before)
        #expect(throws: InventoryError.exists(original)) { try ProjectFile.copy(database, to: original) }
    }
}

@Suite struct PostGISAddressTests {
    @Test func anAddressIsReadAndNeverShowsItsPassword() throws {
        let address = try #require(try PostGISAddress.parse("postgresql://planner:s%40cret@db.example:5433/habitat?schema=qujing&sslmode=require"))
        #expect(address.user == "planner" && address.host == "db.example" && address.port == "5433")
        #expect(address.database == "habitat" && address.schema == "qujing" && address.parameters == ["sslmode": "require"])
        #expect(address.description == "postgresql://planner:***@db.example:5433/habitat?schema=qujing&sslmode=require")
        #expect(address.connection == "PG:dbname='habitat' host='db.example' port='5433' user='planner' password='s@cret' sslmode='require' "
                + "schemas=qujing active_schema=qujing")
        let local = try #require(try PostGISAddress.parse("postgres:///habitat"))
        #expect(local.schema == "habitat" && local.host == nil && local.user == nil && local.description == "postgresql:///habitat?schema=habitat")
        let socket = try #require(try PostGISAddress.parse("postgresql://me@%2Fvar%2Frun%2Fpostgresql/db"))
        #expect(socket.host == "/var/run/postgresql")
        #expect(PostGISAddress.masked("postgresql://a:b@h/db") == "postgresql://a:***@h/db?schema=habitat")
        #expect(PostGISAddress.masked("qujing.gpkg") == "qujing.gpkg")
        #expect(try PostGISAddress.parse("qujing.gpkg") == nil)
    }

    @Test func aBadAddressIsNamed() throws {
        #expect { try PostGISAddress.parse("postgresql://u:pw@host:5432/") } throws: { "\($0)" == "postgresql://u:***@host:5432/?schema=habitat: no database named; write postgresql://[user@][host][:port]/DBNAME[?schema=NAME]" }
        #expect { try PostGISAddress.parse("postgresql:///db?schema=Qu-jing") } throws: { "\($0)".contains("schema 'Qu-jing': a project's schema is named in lower-case letters") }
        // A parameter's name that would carry a setting of its own into the connection string.
        #expect { try PostGISAddress.parse("postgresql:///db?schema=qujing&sslmode%3D%27x%27%20active_schema=public") } throws: {
            "\($0)".contains("is not a connection parameter's name")
        }
    }
}
