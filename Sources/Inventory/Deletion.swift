import GeoIO

extension ProjectFile {
    /// Removes the feature with `code` from `layer`. Its history stays: the open version is
    /// closed and a version recording the deletion is added, so reads as of earlier moments still
    /// see the feature.
    public static func delete(_ path: String, layer: String, code: String, waiting: () -> Void = {}) throws {
        let schema = try LayerSchema.named(layer)
        try change(path, lock: layer, waiting: waiting) { project in
            _ = try project.remove(project.feature(code, of: schema), of: schema, author: localAuthor)
        }
    }

    /// Removes a current feature as `delete` does, in the change under way; returns its batch.
    func remove(_ feature: Feature, of schema: LayerSchema, author: String) throws -> Int {
        let code = feature.values[0].description
        let batch = try nextBatch()
        try package.delete(fid: feature.fid!, from: schema.name)
        try closeOpenVersion(of: code, in: schema, at: batch.at)
        try addVersion(of: schema, feature.values, feature.geometry, change: "delete", batch: batch)
        try record(LogEntry(batch: batch, kind: "delete", layer: schema.name, source: code, deleted: 1, author: author))
        return batch.number
    }
}
