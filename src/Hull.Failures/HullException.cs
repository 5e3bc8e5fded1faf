namespace Hull.Failures;

/// <summary>
/// A failure the user can act on (bad input, a conflict, a refusal, a missing thing): its message says what, where
/// and why in one readable line, and <c>hull</c> prints it as <c>hull: error: …</c>. Every layer's exception for
/// such failures derives from it; any other exception reaching the command line is a bug in Hull.
/// </summary>
public class HullException : Exception
{
    /// <summary>A failure with its message.</summary>
    public HullException(string message) : base(message) { }

    /// <summary>A failure with its message and the exception that caused it.</summary>
    public HullException(string message, Exception? inner) : base(message, inner) { }
}
