using Hull.Failures;
namespace Hull.Starlark;

/// <summary>Base of every error the Starlark engine reports (syntax, resolve, evaluation).</summary>
public abstract class StarlarkException(string message, Exception? inner = null) : HullException(message, inner);
