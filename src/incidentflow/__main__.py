from incidentflow.cli import run

run()
