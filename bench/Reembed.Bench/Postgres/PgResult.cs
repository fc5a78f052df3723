namespace Reembed.Bench.Postgres;

/// <summary>One run of one scenario, as the child prints it.</summary>
internal sealed record PgResult(string Scenario, long Records, double Seconds, double RecordsPerSecond, double PeakRssMb);
