namespace Hull.Cli;

/// <summary>
/// The Carvel tool a `hull` binary stands in for when invoked through a symlink named `ytt`, `kbld` or `imgpkg`,
/// so existing scripts and guides run unchanged.
/// </summary>
public static class CarvelPersona
{
    /// <summary>Rewrites a Carvel tool's command line into the equivalent `hull` one; other names pass through.</summary>
    public static string[] Translate(string programName, string[] args)
    {
        string tool = Path.GetFileNameWithoutExtension(programName);
        return tool switch
        {
            "ytt" => Ytt(args),
            "kbld" => Kbld(args),
            "imgpkg" => Imgpkg(args),
            _ => args,
        };
    }

    /// <summary>The name this process was started under (argv[0]), which a symlink preserves.</summary>
    public static string InvokedName()
    {
        // /proc/self/cmdline keeps argv[0] as exec'd; Environment's view may name the resolved binary or the managed
        // assembly instead.
        try
        {
            var cmdline = File.ReadAllText("/proc/self/cmdline");
            int end = cmdline.IndexOf('\0');
            var first = end < 0 ? cmdline : cmdline[..end];
            if (first.Length > 0)
            {
                return first;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        var args = Environment.GetCommandLineArgs();
        return args.Length > 0 ? args[0] : "hull";
    }

    // `ytt [template] ARGS`, `ytt fmt`, `ytt version`.
    private static string[] Ytt(string[] args) => args switch
    {
        ["template", .. var rest] => ["template", .. rest],
        ["fmt", .. var rest] => ["fmt", .. rest],
        ["version", ..] => ["--version"],
        [] => ["template", "--help"],
        _ => ["template", .. args],
    };

    // `kbld [-f …]`, `kbld inspect`, `kbld version`.
    private static string[] Kbld(string[] args) => args switch
    {
        ["version", ..] => ["--version"],
        _ => ["resolve", .. args],
    };

    // `imgpkg push|pull|copy|describe|tag …`, `imgpkg version`.
    private static string[] Imgpkg(string[] args) => args switch
    {
        ["version", ..] => ["--version"],
        [] => ["bundle", "--help"],
        _ => ["bundle", .. args],
    };
}
