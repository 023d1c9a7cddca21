// What every grain test opens: the grains' contracts and the working-day calendar.
global using Pmo.Contracts;
global using Pmo.Domain.Calendar;
