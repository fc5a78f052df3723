using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Enrichment;
using Reembed.Testing;

namespace Reembed.Tests;

public sealed class PlannerTests
{
    private const int Dims = 8;
    private const int Cap = 20;
    private static readonly EmbeddingSpace Space = new("fake", "fake-v1", Dims, normalized: false);

    /// <summary>Runs the real <see cref="JobRunner"/> and keeps every text its embedder was sent.</summary>
    private sealed class Harness
    {
        private readonly List<string> _sent = [];

        public Harness(PipelineOptions options)
        {
            Options = options;
            Generator.OnGenerate = (inputs, _) =>
            {
                lock (_sent)
                {
                    _sent.AddRange(inputs);
                }

                return Task.FromResult<IReadOnlyList<float[]>?>(null);
            };
        }

        public PipelineOptions Options { get; }

        public InMemorySink Sink { get; } = new();

        public InMemoryStateStore State { get; } = new();

        public FakeEmbeddingGenerator Generator { get; } = new(Dims);

        public Task<PlanReport> PlanAsync(RecordSource source, bool enriched = false) =>
            Planner.PlanAsync(source, Sink, Space, sampler: null, Options, enriched);

        /// <summary>One run (a new job each time once the last completed); returns the texts it sent.</summary>
        public async Task<(JobOutcome Outcome, List<string> Sent)> RunAsync(RecordSource source, TextEnricher? enricher = null)
        {
            lock (_sent)
            {
                _sent.Clear();
            }

            var runner = new JobRunner(source, Sink, Generator, Space, State, Options, NullLogger.Instance, TimeProvider.System)
            {
                Enricher = enricher,
            };
            var request = new JobRequest { ConfigKey = "config", SpecFingerprint = "f", SpecJson = "{}", Owner = "test" };
            var outcome = await runner.RunAsync(request, new CancellationTokenSource());
            lock (_sent)
            {
                return (outcome, [.. _sent]);
            }
        }

        public long TokensOf(IEnumerable<string> texts) => texts.Sum(text => (long)Options.Tokens.Estimate(text));
    }

    private sealed class RewritingEnricher(Func<string, string> rewrite) : TextEnricher
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override ValueTask<string> EnrichAsync(string text, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromResult(rewrite(text));
        }
    }

    private static PipelineOptions Options(OversizePolicy oversize = OversizePolicy.Truncate, ReembedMode mode = ReembedMode.Missing) =>
        new() { MaxItems = 7, MaxConcurrency = 3, LookupChunk = 16, MaxInputTokens = Cap, Oversize = oversize, Mode = mode };

    private static string Words(int record, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(j => $"w{record}x{j}"));

    // Lengths from one word to a few hundred characters: many are over the cap of 20 tokens (57 characters).
    private static List<(string Key, string? Text)> Records(int count) =>
        Enumerable.Range(0, count).Select(i => ($"k{i:D3}", i switch
        {
            _ when i % 10 == 3 => i % 20 == 3 ? "" : "   ",
            _ when i % 17 == 5 => null,
            _ => Words(i, ((i * 7) % 43) + 1),
        })).ToList();

    [Theory]
    [InlineData(OversizePolicy.Truncate)]
    [InlineData(OversizePolicy.Fail)]
    public async Task PlanAsync_OversizeTexts_ItemsAndTokensAreWhatTheRunSends(OversizePolicy oversize)
    {
        var harness = new Harness(Options(oversize));
        var records = Records(60);
        var source = new ListSource(records);

        var plan = await harness.PlanAsync(source);
        var (outcome, sent) = await harness.RunAsync(source);

        var (items, tokens) = plan.For(ReembedMode.Missing);
        Assert.Equal(sent.Count, items);
        Assert.Equal(harness.TokensOf(sent), tokens);
        Assert.Equal(outcome.Job.Counters.Failed, plan.Failed);
        Assert.Equal(outcome.Job.Counters.Skipped, plan.Empty);
        Assert.All(sent, text => Assert.InRange(harness.Options.Tokens.Estimate(text), 1, Cap));
        var unreadable = records.Count(static r => r.Text is null);
        if (oversize == OversizePolicy.Truncate)
        {
            Assert.Equal(unreadable, plan.Failed);
            Assert.Contains(sent, text => !records.Any(r => r.Text == text));
        }
        else
        {
            Assert.True(plan.Failed > unreadable);
            Assert.Contains(plan.FirstFailures, static f => f.Failure.ErrorClass == "oversize");
            var ledger = await harness.State.GetFailuresAsync(outcome.Job.Id, 0);
            Assert.Equal(plan.Failed - unreadable, ledger.Count(static f => f.ErrorClass == "oversize"));
        }
    }

    [Fact]
    public async Task PlanAsync_AfterARun_ChangedIsWhatTheNextRunReembeds()
    {
        var harness = new Harness(Options(mode: ReembedMode.Changed));
        var first = Records(40);
        var (_, firstSent) = await harness.RunAsync(new ListSource(first));

        // k001 is short and edited; k004 is over the cap and edited past the cut, so the text sent does not
        // move but its content hash does; k011 turns blank; k012 becomes unreadable; two records are new.
        List<(string Key, string? Text)> second = first.Select(r => r.Key switch
        {
            "k001" => (r.Key, "an edited text"),
            "k004" => (r.Key, r.Text + " and an edited tail"),
            "k011" => (r.Key, " "),
            "k012" => (r.Key, null),
            _ => r,
        }).Append(("k100", Words(100, 3))).Append(("k101", Words(101, 40))).ToList();
        var source = new ListSource(second);

        var plan = await harness.PlanAsync(source);
        var (outcome, sent) = await harness.RunAsync(source);

        Assert.Equal((2, 2), (plan.Changed, plan.Missing));
        var (items, tokens) = plan.For(ReembedMode.Changed);
        Assert.Equal(sent.Count, items);
        Assert.Equal(harness.TokensOf(sent), tokens);
        Assert.Equal(outcome.ThisRun.Skipped, plan.Unchanged + plan.Empty);
        Assert.Equal(outcome.ThisRun.Failed, plan.Failed);
        var resent = Assert.Single(sent, text => text.StartsWith("w4x0 ", StringComparison.Ordinal));
        Assert.Contains(resent, firstSent);
        Assert.Equal(ContentHash.Compute(second[4].Text!), harness.Sink.Rows["k004"].ContentHash);
    }

    [Fact]
    public async Task PlanAsync_Enriched_CountsSourceTextsAndEveryHeldRecordAsChanged()
    {
        var harness = new Harness(Options(mode: ReembedMode.Changed));
        var held = Records(30);
        await harness.RunAsync(new ListSource(held));
        var records = held.Append(("k100", Words(100, 5))).ToList();
        var source = new ListSource(records);

        var plain = await harness.PlanAsync(source);
        var plan = await harness.PlanAsync(source, enriched: true);
        var enricher = new RewritingEnricher(static text => "about: " + text);
        var (outcome, sent) = await harness.RunAsync(source, enricher);

        Assert.True(plan.TokensBeforeEnrichment);
        Assert.False(plain.TokensBeforeEnrichment);

        // The target was written without enrichment: the plan without it finds them unchanged, the enriched
        // run hashes rewritten texts and re-embeds every one, as the enriched plan said.
        Assert.Equal(plain.Unchanged, plan.Changed);
        Assert.Equal(0, plan.Unchanged);
        Assert.Equal((1, 1), (plan.Missing, plain.Missing));
        Assert.Equal(sent.Count, plan.For(ReembedMode.Changed).Items);
        Assert.Equal(outcome.ThisRun.Embedded, plan.For(ReembedMode.Changed).Items);
        Assert.Equal(plain.For(ReembedMode.All).Tokens, plan.For(ReembedMode.Changed).Tokens);
        Assert.All(sent, static text => Assert.StartsWith("about: ", text, StringComparison.Ordinal));
        Assert.Equal(sent.Count, enricher.Calls);

        // After an enriched run, 'changed' stays an upper bound: the same rewrites hash the same, and the next
        // run re-embeds none of them. 'missing' is exact.
        var after = await harness.PlanAsync(source, enriched: true);
        var (again, _) = await harness.RunAsync(source, enricher);
        Assert.Equal(0, after.Missing);
        Assert.Equal(plan.For(ReembedMode.Changed).Items, after.Changed);
        Assert.Equal(0, again.ThisRun.Embedded);
    }

    [Fact]
    public async Task PlanAsync_Enriched_MissingIsWhatAnEnrichedMissingRunSends()
    {
        var harness = new Harness(Options());
        var held = Records(20);
        await harness.RunAsync(new ListSource(held), new RewritingEnricher(static text => "about: " + text));
        var source = new ListSource(held.Concat(Records(35).Skip(20)));

        var plan = await harness.PlanAsync(source, enriched: true);
        var enricher = new RewritingEnricher(static text => text);
        var (_, sent) = await harness.RunAsync(source, enricher);

        // An enricher that returns its text unchanged is what the plan assumes: counts and tokens are exact.
        Assert.Equal(sent.Count, plan.For(ReembedMode.Missing).Items);
        Assert.Equal(harness.TokensOf(sent), plan.For(ReembedMode.Missing).Tokens);
        Assert.Equal(sent.Count, enricher.Calls);
    }
}
