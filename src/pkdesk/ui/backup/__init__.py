"""File › Back Up Now, Restore from Backup…, and the automatic backups."""
