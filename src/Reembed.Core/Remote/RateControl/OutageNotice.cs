namespace Reembed.Remote;

/// <summary>
/// The API has failed for a while (<paramref name="Paused"/> true: <paramref name="Reason"/> is the
/// last error, <paramref name="Since"/> the first failure) or works again (false: <paramref name="Since"/>
/// is the first success).
/// </summary>
public sealed record OutageNotice(bool Paused, string Reason, DateTimeOffset Since);
