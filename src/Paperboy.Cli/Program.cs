using Paperboy.Cli;
using Paperboy.Cli.Commands;

var root = PaperboyCommandLine.Root(
    ImportCommand.Create(),
    HarvestCommand.Create(),
    DailyCommand.Create(),
    PapersCommand.Create(),
    StatsCommand.Create(),
    ExportCommand.Create(),
    IndexCommand.Create(),
    SearchCommand.Create(),
    RelatedCommand.Create(),
    VectorsCommand.Create(),
    EvalCommand.Create(),
    ServeCommand.Create(),
    UsersCommand.Create(),
    SubmitCommand.Create());
return await PaperboyCommandLine.RunAsync(root, args);
