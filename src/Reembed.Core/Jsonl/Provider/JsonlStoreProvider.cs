using Reembed.Providers;

namespace Reembed.Jsonl;

/// <summary>The <c>jsonl</c> store: a JSON-lines file as source, as target, and shadow files swapped in by rename.</summary>
internal sealed class JsonlStoreProvider : StoreProvider
{
    public const string Kind = "jsonl";

    public override string Type => Kind;

    public override StoreCapabilities Capabilities => StoreCapabilities.Source | StoreCapabilities.Target | StoreCapabilities.ShadowByRename;

    public override SourceSpec BindSource(ConfigSection section, StoreBindingContext context)
    {
        section.RejectUnknownKeys("path", "id", "text");
        var spec = new JsonlSourceSpec
        {
            Path = context.Resolve(section.String("path", required: true)!),
            Text = TextTemplate.Parse(section.String("text", required: true)!, section.Key("text")),
            Id = section.String("id") ?? "id",
        };
        section.RejectUnknownKeys();
        return spec;
    }

    public override TargetSpec BindTarget(ConfigSection section, bool shadowCutover, StoreBindingContext context)
    {
        section.RejectUnknownKeys("path");
        var spec = new JsonlTargetSpec { Path = context.Resolve(section.String("path", required: true)!), ShadowCutover = shadowCutover };
        section.RejectUnknownKeys();
        return spec;
    }

    public override RecordSource CreateSource(SourceSpec spec, StoreContext context)
    {
        var jsonl = Expect<JsonlSourceSpec>(spec);
        return JsonlStores.CreateSource(new JsonlSourceOptions { Path = jsonl.Path, IdField = jsonl.Id, Text = jsonl.Text });
    }

    public override VectorSink CreateSink(TargetSpec target, SourceSpec source, RecordSource openedSource, StoreContext context) =>
        JsonlStores.CreateSink(new JsonlSinkOptions { Path = Expect<JsonlTargetSpec>(target).Path });

    public override CutoverTarget CreateCutover(TargetSpec target, SourceSpec source, StoreContext context) =>
        JsonlStores.CreateCutover(new JsonlSinkOptions { Path = Expect<JsonlTargetSpec>(target).Path }, context.Time);

    public override string SourceTemplate => """
            // JSON Lines, plain or gzip-compressed; one object per line.
            "type": "jsonl",
            "path": "data/docs.jsonl.gz",
            "id": "id",
            // Fields to embed, as a template: {field}; write {{ and }} for literal braces.
            "text": "{summary}\n\n{description}"
        """;

    public override string TargetTemplate(StoreProvider source) => """
            // One object per line: id, vector, content_hash, space.
            "type": "jsonl",
            "path": "out/vectors.jsonl"
        """;
}
