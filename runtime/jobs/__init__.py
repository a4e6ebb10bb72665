"""Jobs: the job model, the repository, thread jobs and process (background) jobs."""
