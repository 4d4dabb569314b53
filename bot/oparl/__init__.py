"""OParl: the council information system (Ratsinformationssystem) as a source of sessions,
agendas, papers and minutes. `mapping` turns OParl JSON into events and documents (no I/O),
`client` fetches it over HTTP, `sync` walks a body and stores what changed."""
