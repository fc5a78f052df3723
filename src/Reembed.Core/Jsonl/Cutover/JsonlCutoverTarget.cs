namespace Reembed.Jsonl;

/// <summary>
/// Shadow cut-over between files of one folder: live <c>docs.jsonl</c>, shadow of a space
/// <c>docs.reembed-{space}.jsonl</c>, journal <c>docs.jsonl.reembed-cutover.jsonl</c>. A file system has
/// no transaction, so a step journals its intent, copies the live file to its demoted name, renames the
/// promoted file over the live name (atomic: the live name always names a whole file) and journals the
/// outcome; whoever opens the journal next finishes or undoes a step a kill interrupted.
/// </summary>
/// <remarks>
/// The demoted file is a copy, not a rename, because the live name must never be missing and .NET has no
/// hard link. An empty live file holds nothing to come back to: a swap replaces it without a copy,
/// journals the live name as demoted with no space, and a rollback of that swap is refused.
/// </remarks>
internal sealed partial class JsonlCutoverTarget : CutoverTarget
{
    private const string PartialSuffix = ".partial";

    private readonly string _path;
    private readonly string _folder;
    private readonly string _live;
    private readonly string _stem;
    private readonly string _extension;
    private readonly string _journalPath;
    private readonly TimeProvider _time;

    public JsonlCutoverTarget(string path, TimeProvider time)
    {
        _path = path;
        _folder = Path.GetDirectoryName(path)!;
        _live = Path.GetFileName(path);
        _stem = Path.GetFileNameWithoutExtension(path);
        _extension = Path.GetExtension(path);
        _journalPath = path + ".reembed-cutover.jsonl";
        _time = time;
    }

    /// <summary>Called at each boundary of a step (after its intent, after the copy, after the promoting rename): lets a test stop there as a kill would.</summary>
    internal Func<string, ValueTask>? StepReached { get; init; }

    public override string Description => $"jsonl {_path}";

    public override string LiveName => _live;

    public override string ShadowName(string spaceId)
    {
        if (!IsSpaceId(spaceId))
        {
            throw new ArgumentException($"'{spaceId}' is not a space id (16 hex digits)", nameof(spaceId));
        }

        return $"{_stem}.reembed-{spaceId}{_extension}";
    }

    public override async ValueTask<CutoverState> InspectAsync(CancellationToken cancellationToken = default)
    {
        await using var journal = await OpenJournalAsync(create: false, cancellationToken);
        if (journal is not null)
        {
            await RecoverAsync(journal, cancellationToken);
        }

        return await ReadStateAsync(journal?.LastStep, cancellationToken);
    }

    public override ValueTask<VectorCollection?> OpenCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Path.GetFileName(name) != name)
        {
            throw new ArgumentException($"'{name}' is not a file name in {_folder}", nameof(name));
        }

        var path = Path.Combine(_folder, name);
        return ValueTask.FromResult<VectorCollection?>(File.Exists(path) ? new JsonlVectorCollection(path) : null);
    }

    public override async ValueTask<string?> CleanupAsync(CancellationToken cancellationToken = default)
    {
        await using var journal = await OpenJournalAsync(create: false, cancellationToken);
        if (journal is null)
        {
            return null;
        }

        await RecoverAsync(journal, cancellationToken);
        var state = await ReadStateAsync(journal.LastStep, cancellationToken);
        if (state.Superseded is not { } superseded)
        {
            return null;
        }

        File.Delete(Path.Combine(_folder, superseded.Name));
        DirectorySync.Flush(_folder);
        return superseded.Name;
    }

    private async ValueTask<CutoverState> ReadStateAsync(CutoverStep? lastStep, CancellationToken cancellationToken)
    {
        var live = await JsonlVectorFile.SummarizeAsync(_path, cancellationToken);
        var others = new List<CutoverTable>();
        if (Directory.Exists(_folder))
        {
            foreach (var name in Directory.EnumerateFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                if (IsOther(name!) && await JsonlVectorFile.SummarizeAsync(Path.Combine(_folder, name!), cancellationToken) is { } other)
                {
                    others.Add(new CutoverTable(name!, other.SpaceId, other.Count));
                }
            }
        }

        return new CutoverState(new CutoverTable(_live, live?.SpaceId, live?.Count ?? 0), others, lastStep);
    }

    /// <summary>A shadow or demoted file of this live file; not the journal, not a copy still being written.</summary>
    private bool IsOther(string name)
    {
        var prefix = _stem + ".reembed-";
        return name.Length > prefix.Length + _extension.Length
            && name.StartsWith(prefix, StringComparison.Ordinal)
            && name.EndsWith(_extension, StringComparison.Ordinal)
            && !name.EndsWith(PartialSuffix, StringComparison.Ordinal)
            && name != Path.GetFileName(_journalPath);
    }

    private async ValueTask<JsonlCutoverJournal?> OpenJournalAsync(bool create, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonlCutoverJournal.OpenAsync(_journalPath, create, cancellationToken);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new ReembedException(ErrorKind.Fatal, $"cannot open the cut-over journal {_journalPath}: {exception.Message}", exception)
            {
                Subject = "target.path",
            };
        }
    }

    private static bool IsSpaceId(string? spaceId) =>
        spaceId is { Length: 16 } && spaceId.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;
}
