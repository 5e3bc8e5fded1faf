using Hull.Failures;
namespace Hull.Packaging.Repositories;

/// <summary>A repository that cannot be used: every problem found, one located line each.</summary>
public sealed class RepositoryException : HullException
{
    /// <summary>Creates the error for <paramref name="origin"/> (a folder or a bundle reference).</summary>
    public RepositoryException(string origin, IReadOnlyList<string> problems)
        : base(problems.Count == 1
            ? $"repository '{origin}': {problems[0]}"
            : $"repository '{origin}' has {problems.Count} problems:\n  " + string.Join("\n  ", problems))
    {
        Origin = origin;
        Problems = problems;
    }

    /// <summary>The folder or bundle the repository was read from.</summary>
    public string Origin { get; }

    /// <summary>Each problem, located by file, line, document and field.</summary>
    public IReadOnlyList<string> Problems { get; }
}
