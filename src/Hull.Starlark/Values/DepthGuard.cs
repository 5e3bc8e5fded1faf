using System.Runtime.CompilerServices;

namespace Hull.Starlark.Values;

/// <summary>Fails recursive value operations (print, freeze, hash) on absurdly deep values instead of overflowing the stack.</summary>
internal static class DepthGuard
{
    public static void Check(string what)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new EvalException($"value nested too deeply to {what}");
    }
}
