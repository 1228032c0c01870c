namespace Surveys.Hosting;

/// <summary>
/// Opens once the database schema is current. Consumers wait on it and the API answers 503
/// until then, so a process that starts before its database is up becomes ready on its own.
/// </summary>
public sealed class SchemaGate
{
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public bool IsOpen => _ready.Task.IsCompleted;
    public void Open() => _ready.TrySetResult();
    public Task WaitAsync(CancellationToken ct) => _ready.Task.WaitAsync(ct);
}
