namespace Reembed.Cli;

/// <summary>The exit codes of every verb (DESIGN §5).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int FinishedWithFailures = 1;
    public const int Usage = 2;
    public const int Fatal = 3;
    public const int Cancelled = 130;

    public static int For(ReembedException exception) => exception.Kind == ErrorKind.Config ? Usage : Fatal;
}
