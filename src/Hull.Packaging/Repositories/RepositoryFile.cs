namespace Hull.Packaging.Repositories;

/// <summary>One file of a repository bundle: its path inside the bundle (with <c>/</c>) and its text.</summary>
/// <param name="Path">The path relative to the bundle root, e.g. <c>packages/app.corp.com/1.0.0.yml</c>.</param>
/// <param name="Text">The file's content.</param>
public sealed record RepositoryFile(string Path, string Text);
