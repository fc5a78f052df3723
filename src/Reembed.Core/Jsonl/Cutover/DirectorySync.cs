using System.Runtime.InteropServices;
using System.Text;

namespace Reembed.Jsonl;

/// <summary>
/// Makes renames and new files in a folder durable: on Unix a rename is only on disk once the folder
/// itself is fsynced, and .NET has no API for that (it will not open a folder as a file).
/// </summary>
internal static class DirectorySync
{
    public static void Flush(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            // NTFS makes a rename durable with the metadata journal; there is nothing to ask for.
            return;
        }

        var path = Encoding.UTF8.GetBytes(folder + "\0");
        var descriptor = Native.Open(path, 0);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open folder {folder} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Native.FSync(descriptor) != 0)
            {
                throw new IOException($"cannot flush folder {folder} (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Native.Close(descriptor);
        }
    }

    private static class Native
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int FSync(int descriptor);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int descriptor);
    }
}
