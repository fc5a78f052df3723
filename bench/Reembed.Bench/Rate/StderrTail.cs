using System.Diagnostics;

namespace Reembed.Bench.Rate;

/// <summary>The last lines a child wrote to stderr, to explain a failed run.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 30;
    private readonly Queue<string> _lines = new();

    public StderrTail(Process process)
    {
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_lines)
            {
                if (_lines.Count == MaxLines)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return string.Join('\n', _lines);
        }
    }
}
