import ArgumentParser
import Planning

struct GridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid",
        abstract: "Lay the unit grid (单元网格) over the built-up areas and assign every case its cell.",
        discussion: """
            Squares of --cell metres on a lattice fixed to the project CRS, clipped to each county's \
            built-up areas (dissolved), so that the cells tile them exactly. A cell's code is the county's \
            code, the cell size and the square's column and row ("530302-100-4012-28214"): the same each \
            time the grid is made. The layer grid_cells is replaced, its history kept; cases imported \
            afterwards are assigned their cell on import.

            Example:
              habitat grid qujing.gpkg --cell 100
            """)

    @OptionGroup var project: ProjectFileArgument

    @Option(help: ArgumentHelp("The side of a cell in metres (digital city management uses about 100 m: 10,000 m²).", valueName: "m"))
    var cell = 100.0

    func validate() throws {
        guard cell >= 1, cell <= 100_000 else { throw ValidationError("--cell takes metres from 1 to 100000") }
    }

    func run() throws {
        print(try UnitGrid.store(project: project.file, cellSize: cell, waiting: waitingFor(project.file)))
    }
}
