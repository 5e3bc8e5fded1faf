namespace Hull.Packaging.Installing;

/// <summary>An installation that cannot proceed (a conflict, a missing dependency, bad values); the message is one readable line.</summary>
public sealed class InstallException(string message, Exception? inner = null) : Exception(message, inner);
