using Hull.Starlark;
using Hull.Starlark.Values;
using Hull.Templating.Modules;

namespace Hull.Templating.Validations;

/// <summary>Builds the assertion objects of named rules from `@ytt:assert` (assert.min(10) and so on), so both agree.</summary>
public sealed class AssertRuleFactory(StarlarkThread thread)
{
    private ModuleValue? _assert;

    /// <summary>The thread rules are built and run on.</summary>
    public StarlarkThread Thread => thread;

    /// <summary>`assert.&lt;rule&gt;(arg)`.</summary>
    public Value Make(string rule, Value arg)
    {
        _assert ??= AssertModule.Create();
        var fn = _assert.GetAttr(rule) ?? throw new InvalidOperationException("unknown assert rule " + rule);
        return thread.Call(fn, arg);
    }
}
