from incidentflow.entry import run

run()
