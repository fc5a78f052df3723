using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Reembed.Tests;

/// <summary>
/// Hosts never switch on a store kind: no string literal in the host projects (Reembed.Hosting, Reembed.Cli) names a
/// registered kind, and Reembed.Hosting references no provider project. Parsed with Roslyn, so raw, verbatim and
/// interpolated strings count and comments do not.
/// </summary>
public sealed class HostStoreKindTests
{
    private static readonly string[] HostProjects = ["src/Reembed.Hosting", "src/Reembed.Cli"];

    [Fact]
    public void HostSources_NameNoStoreKindInAStringLiteral()
    {
        var kinds = Loaders.Stores.Providers.Select(static p => p.Type).ToList();
        Assert.Contains("sqlite", kinds);
        var offences = new List<string>();
        foreach (var file in HostProjects.SelectMany(static project => SourceFiles(Path.Combine(RepoRoot(), project))))
        {
            offences.AddRange(Offences(file, kinds).Select(o => $"{Path.GetRelativePath(RepoRoot(), file)}:{o}"));
        }

        Assert.True(offences.Count == 0, "store kinds named in host code (let the provider registry decide):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Offences_StringsOfEveryShapeAreCaught_CommentsAndIdentifiersAreNot()
    {
        var file = Path.Combine(Path.GetTempPath(), $"reembed-kinds-{Guid.NewGuid():N}.cs");
        File.WriteAllText(file, """
            // a comment about sqlite is fine
            class Sqlite { string A = "sqlite"; string B = @"postgres"; string C = $"x {1} jsonl"; string D = \"\"\"
                "type": "sqlite"
                \"\"\"; string E = "sqliteish"; }
            """.Replace("\\\"", "\"", StringComparison.Ordinal));
        try
        {
            var found = Offences(file, ["sqlite", "postgres", "jsonl"]).ToList();
            Assert.Equal(4, found.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void HostingProject_ReferencesNoStoreProvider()
    {
        var project = XDocument.Load(Path.Combine(RepoRoot(), "src", "Reembed.Hosting", "Reembed.Hosting.csproj"));
        var references = project.Descendants("ProjectReference").Select(static r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)).ToList();
        Assert.Equal(["Reembed.Core"], references);
    }

    /// <summary>"line: literal" for each string literal of <paramref name="file"/> that holds a kind as a whole word.</summary>
    private static IEnumerable<string> Offences(string file, IReadOnlyList<string> kinds)
    {
        var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.InterpolatedStringTextToken)
                && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
                && !token.IsKind(SyntaxKind.Utf8StringLiteralToken))
            {
                continue;
            }

            var text = token.ValueText;
            if (kinds.Any(kind => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{kind}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)))
            {
                yield return $"{token.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {token.Text}";
            }
        }
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(static f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reembed.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("the repository root (Reembed.slnx) is not above the test binaries");
    }
}
