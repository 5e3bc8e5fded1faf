using System.Runtime.ExceptionServices;

namespace Hull.Starlark;

/// <summary>
/// Runs an evaluation on a thread with a large stack. Starlark calls recurse through the tree-walking evaluator (about
/// 2 KB of stack per call), so on an ordinary 8 MB (or 1.5 MB) thread a deep but legitimate recursion would stop at
/// the stack probe, at a depth that depends on the thread. On this stack the bounds themselves stop it, the same way
/// wherever the host calls from: <see cref="StarlarkThread.MaxCallDepth"/> nested calls and
/// <see cref="Values.ValueDepth.MaxDepth"/> levels of values.
/// </summary>
public static class EvaluationStack
{
    /// <summary>The stack reserved for an evaluation (address space; pages are committed only as they are used).</summary>
    public const int Size = 64 * 1024 * 1024;

    [ThreadStatic] private static bool t_onEvaluationStack;

    /// <summary>Runs <paramref name="work"/> on an evaluation stack (directly when already on one) and returns its result or rethrows its failure.</summary>
    public static T Run<T>(Func<T> work)
    {
        if (t_onEvaluationStack) return work();
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            t_onEvaluationStack = true;
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, Size)
        {
            Name = "hull-evaluation",
            CurrentCulture = Thread.CurrentThread.CurrentCulture,
            CurrentUICulture = Thread.CurrentThread.CurrentUICulture,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
