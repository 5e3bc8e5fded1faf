using Hull.Failures;
namespace Hull.Packaging.Installing;

/// <summary>An installation that cannot proceed (a conflict, a missing dependency, bad values); the message is one readable line.</summary>
public sealed class InstallException(string message, Exception? inner = null) : HullException(message, inner)
{
    /// <summary>
    /// Whether it waits for something another installation may still create (a CRD, a namespace, a service account,
    /// a values Secret): the reconcile puts it back in the queue while others can progress.
    /// </summary>
    public bool WaitsForDependency { get; private init; }

    /// <summary>A failure that another installation's reconcile may resolve.</summary>
    public static InstallException Waiting(string message) => new(message) { WaitsForDependency = true };
}
