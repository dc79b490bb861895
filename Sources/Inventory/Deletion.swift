import GeoIO

extension ProjectFile {
    /// Removes the feature with `code` from `layer`. Its history stays: the open version is
    /// closed and a version recording the deletion is added, so reads as of earlier moments still
    /// see the feature.
    public static func delete(_ path: String, layer: String, code: String, waiting: () -> Void = {}) throws {
        let schema = try LayerSchema.named(layer)
        try change(path, lock: layer, waiting: waiting) { project in
            guard let feature = try project.current(schema, where: "code = \(quoted(code))").features.first,
                  let fid = feature.fid else {
                throw InventoryError.noSuchFeature(layer: layer, code: code)
            }
            let batch = try project.nextBatch()
            try project.package.delete(fid: fid, from: layer)
            try project.closeOpenVersion(of: code, in: schema, at: batch.at)
            try project.addVersion(of: schema, feature.values, feature.geometry, change: "delete", batch: batch)
            try project.record(LogEntry(batch: batch, kind: "delete", layer: layer, source: code, deleted: 1))
        }
    }
}
