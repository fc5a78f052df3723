using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Reembed.Jsonl;

/// <summary>
/// Turns one line of a JSON-lines file into a <see cref="SourceRecord"/>: a key and a composed
/// text, or a read/compose <see cref="ItemFailure"/> naming the line.
/// </summary>
/// <remarks>
/// A line that is not valid UTF-8 fails with <c>invalid-utf8</c>; it is never repaired with
/// replacement characters, because embedding silently altered text would hide the bad input.
/// Field values become text as follows: a string is its value; a number, <c>true</c> or
/// <c>false</c> is its JSON text; <c>null</c> is the empty string (the field is present but
/// says nothing); an array or object is its raw JSON text. A dotted name such as
/// <c>meta.title</c> is first looked up as a literal key, then as a path into nested objects.
/// </remarks>
internal sealed class JsonlRecordParser
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private readonly string _idField;
    private readonly TextTemplate _template;
    private readonly Func<string, string?> _lookup;
    private JsonElement _root;

    public JsonlRecordParser(string idField, TextTemplate template)
    {
        _idField = idField;
        _template = template;
        _lookup = LookupField;
    }

    public SourceRecord Parse(ReadOnlyMemory<byte> line, long lineNumber)
    {
        if (!Utf8.IsValid(line.Span))
        {
            return Fail(null, lineNumber, ItemFailure.Stages.Read, "invalid-utf8",
                $"invalid UTF-8 at byte offset {InvalidUtf8Offset(line.Span)}");
        }

        if (lineNumber == 1 && line.Span.StartsWith(Utf8Bom))
        {
            line = line[Utf8Bom.Length..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            return Fail(null, lineNumber, ItemFailure.Stages.Read, "malformed-json", exception.Message);
        }

        using (document)
        {
            _root = document.RootElement;
            try
            {
                return Compose(lineNumber);
            }
            finally
            {
                _root = default;
            }
        }
    }

    private SourceRecord Compose(long lineNumber)
    {
        if (_root.ValueKind != JsonValueKind.Object)
        {
            return Fail(null, lineNumber, ItemFailure.Stages.Read, "not-an-object",
                $"expected a JSON object, found {Describe(_root.ValueKind)}");
        }

        if (!TryResolve(_idField, out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return Fail(null, lineNumber, ItemFailure.Stages.Read, "missing-id",
                id.ValueKind == JsonValueKind.Null ? $"field '{_idField}' is null" : $"no field '{_idField}'");
        }

        var key = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString(),
            JsonValueKind.Number => id.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrEmpty(key))
        {
            return Fail(null, lineNumber, ItemFailure.Stages.Read, "bad-id",
                $"field '{_idField}' must be a non-empty string or a number, found {Describe(id.ValueKind)}");
        }

        if (!_template.TryRender(_lookup, out var text, out var missingField))
        {
            return Fail(key, lineNumber, ItemFailure.Stages.Compose, "missing-field", $"field '{missingField}' is absent");
        }

        return new SourceRecord { Key = key, Cursor = Cursor(lineNumber), Text = text, Locator = Locator(lineNumber) };
    }

    private string? LookupField(string name)
    {
        if (!TryResolve(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => string.Empty,
            _ => value.GetRawText(),
        };
    }

    private bool TryResolve(string name, out JsonElement value)
    {
        if (_root.TryGetProperty(name, out value))
        {
            return true;
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        var current = _root;
        foreach (var segment in name.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                value = default;
                return false;
            }
        }

        value = current;
        return true;
    }

    private static SourceRecord Fail(string? key, long lineNumber, string stage, string errorClass, string message) => new()
    {
        Key = key ?? "line:" + Cursor(lineNumber),
        Cursor = Cursor(lineNumber),
        Locator = Locator(lineNumber),
        Failure = new ItemFailure(stage, errorClass, $"line {Cursor(lineNumber)}: {message}"),
    };

    private static string Cursor(long lineNumber) => lineNumber.ToString(CultureInfo.InvariantCulture);

    private static string Locator(long lineNumber) => "line " + Cursor(lineNumber);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> line)
    {
        var offset = 0;
        while (offset < line.Length)
        {
            if (Rune.DecodeFromUtf8(line[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                break;
            }

            offset += consumed;
        }

        return offset;
    }
}
