using System.Text;

namespace Hull.Starlark.Values;

/// <summary>Implementation of a built-in: receives the thread, the function (for its name and receiver) and the arguments.</summary>
public delegate Value BuiltinImpl(StarlarkThread thread, BuiltinFunction fn, Value[] args, KeyValuePair<string, Value>[]? kwargs);

/// <summary>A function implemented in C#, optionally bound to a receiver (a method such as list.append).</summary>
public sealed class BuiltinFunction(string name, BuiltinImpl impl, Value? receiver = null) : Value, ICallable
{
    /// <inheritdoc/>
    public string Name { get; } = name;

    /// <summary>The bound receiver for methods.</summary>
    public Value? Receiver { get; } = receiver;

    /// <summary>The implementation.</summary>
    public BuiltinImpl Impl { get; } = impl;

    /// <summary>The same function bound to a receiver.</summary>
    public BuiltinFunction BindTo(Value receiver) => new(Name, Impl, receiver);

    /// <inheritdoc/>
    public override string Type => "builtin_function_or_method";

    /// <inheritdoc/>
    public override int Hash() => Name.GetHashCode() ^ (Receiver is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Receiver));

    /// <inheritdoc/>
    public override bool EqualsSameType(Value other, int depth)
    {
        var o = (BuiltinFunction)other;
        return Name == o.Name && Impl == o.Impl && ReferenceEquals(Receiver, o.Receiver);
    }

    /// <inheritdoc/>
    public override void WriteRepr(StringBuilder sb)
    {
        if (Receiver != null) sb.Append("<built-in method ").Append(Name).Append(" of ").Append(Receiver.Type).Append(" value>");
        else sb.Append("<built-in function ").Append(Name).Append('>');
    }

    /// <inheritdoc/>
    public Value Call(StarlarkThread thread, Value[] args, KeyValuePair<string, Value>[]? kwargs) => Impl(thread, this, args, kwargs);
}
