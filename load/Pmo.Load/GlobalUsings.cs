// The harness's own vocabulary: the commands it sends, the service it sends them to, its in-process
// model of the enterprise, what it measures and the reports it writes. Most of its files speak in
// these, so they are opened once here rather than at the top of each file.
global using Pmo.Contracts.Commands;
global using Pmo.Load.Measurement;
global using Pmo.Load.Model;
global using Pmo.Load.Reports;
global using Pmo.Load.Service;
