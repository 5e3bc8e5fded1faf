using System.CommandLine;
using Hull.Oci.Signatures;

namespace Hull.Cli.Commands;

/// <summary>`--key KEY.pub` (repeatable): the public keys a signature may be made with.</summary>
public sealed class VerificationKeysOption(string description)
{
    private readonly Option<string[]> _keys = new("--key") { Description = description };

    /// <summary>Adds the flag to <paramref name="command"/>, required or not.</summary>
    public void AddTo(Command command, bool required)
    {
        _keys.Required = required;
        command.Options.Add(_keys);
    }

    /// <summary>Reads every key given (a bad file fails naming it).</summary>
    public IReadOnlyList<VerificationKey> Load(ParseResult parse) =>
        (parse.GetValue(_keys) ?? []).Select(VerificationKey.FromFile).ToList();
}
