"""File › Export PDF…, Print Preview… and Print… for whatever the page shown can print."""
