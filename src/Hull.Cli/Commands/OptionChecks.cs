using System.CommandLine;

namespace Hull.Cli.Commands;

/// <summary>Validators that turn impossible flag values into usage errors (exit 2) before a library sees them.</summary>
public static class OptionChecks
{
    /// <summary>Requires a value of at least 1 (counts such as <c>--concurrency</c>).</summary>
    public static Option<int> Positive(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{option.Name}: expected a number of at least 1, got {result.GetValueOrDefault<int>()}");
            }
        });
        return option;
    }

    /// <summary>Requires a value of at least 0 (counts such as <c>--registry-retry-count</c>).</summary>
    public static Option<int> NonNegative(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError($"{option.Name}: expected a number of at least 0, got {result.GetValueOrDefault<int>()}");
            }
        });
        return option;
    }

    /// <summary>Requires a non-empty path.</summary>
    public static Option<T> NonEmptyPath<T>(this Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T>() is string { Length: 0 })
            {
                result.AddError($"{option.Name}: expected a folder path, got ''");
            }
        });
        return option;
    }
}
