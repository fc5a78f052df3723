using Reembed.Remote;

namespace Reembed;

internal sealed partial class JobRunner
{
    private readonly NoticeWriter _notices = new();

    /// <summary>
    /// Records that the job is paused because the model API is down (or that it answers again), so
    /// that <c>status</c> can say so. Called from the rate control's callback, on any thread.
    /// </summary>
    public void ReportOutage(OutageNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (Progress.JobId is not { } jobId)
        {
            return;
        }

        string? text = null;
        if (notice.Paused)
        {
            text = $"paused since {notice.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: the model API keeps failing ({notice.Reason}); retrying";
            Log.OutagePaused(_logger, notice.Reason);
        }
        else
        {
            Log.OutageOver(_logger);
        }

        Events?.Report(new JobOutage(jobId, notice.Paused, notice.Reason, notice.Since));
        _notices.Enqueue(async () =>
        {
            try
            {
                await _state.SetNoticeAsync(jobId, text, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The notice is for people watching; it never stops the job.
                Log.NoticeFailed(_logger, ex.Message);
            }
        });
    }

    /// <summary>Runs notice writes one after another, so a later notice never lands before an earlier one.</summary>
    private sealed class NoticeWriter
    {
        private readonly Lock _lock = new();
        private Task _tail = Task.CompletedTask;

        public void Enqueue(Func<Task> write)
        {
            lock (_lock)
            {
                _tail = _tail.ContinueWith(_ => write(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }

        public Task FlushAsync()
        {
            lock (_lock)
            {
                return _tail;
            }
        }
    }
}
