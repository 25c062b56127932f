from incidentflow.cli.entry import run

run()
