import Foundation

/// Progress lines on stderr with the time since the command started and the peak memory so far,
/// whether or not a person is watching: what `--timings` prints, for measuring where a long run
/// spends its time and memory.
func stepTimings() -> @Sendable (String) -> Void {
    let start = Date()
    return { step in
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let line = String(format: "habitat: %7.2f s, peak %5.0f MB: %@\n",
                          Date().timeIntervalSince(start), Double(usage.ru_maxrss) / 1024, step)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
