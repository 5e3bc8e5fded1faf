namespace Hull.Templating;

/// <summary>A template failed to compile or evaluate; the message is in ytt's layout.</summary>
public class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
