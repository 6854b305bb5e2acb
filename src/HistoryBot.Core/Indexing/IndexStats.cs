using HistoryBot.Core.Corpus;

namespace HistoryBot.Core.Indexing;

/// <summary>What an index holds.</summary>
public sealed record IndexStats(int Documents, int Sections, int Passages, int Sentences);

/// <summary>What opening an index did: reused it, updated changed files, or rebuilt it.</summary>
public sealed record IndexBuildReport(
    IndexBuildKind Kind,
    IndexStats Stats,
    int FilesIndexed,
    int FilesRemoved,
    TimeSpan Elapsed,
    IReadOnlyList<SkippedFile> Skipped,
    IndexIntegrity Integrity = IndexIntegrity.NotChecked);

/// <summary>What checking the index's checksums found, when they were checked.</summary>
public enum IndexIntegrity
{
    NotChecked,

    /// <summary>Every checksum matched.</summary>
    Verified,

    /// <summary>The index was corrupt and has been rebuilt.</summary>
    Repaired,
}

public enum IndexBuildKind
{
    Reused,
    Updated,
    Rebuilt,
}

/// <summary>Progress of an index build, reported once per file.</summary>
public sealed record IndexProgress(int FilesDone, int FilesTotal, int Passages, TimeSpan Elapsed);
