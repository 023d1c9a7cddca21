// The domain's shared vocabulary: working-day calendars, the task network and its schedule, and the
// definitions of projects, tasks and resources. The catalog, the figures and the command rules all
// speak in these, so they are opened once here rather than at the top of each file.
global using Pmo.Domain.Calendar;
global using Pmo.Domain.Model;
global using Pmo.Domain.Scheduling;
