import type { CertificateMode, CertificateStatus } from '@aws-sdk/client-iot';
import type Database from 'better-sqlite3';

export interface CertificateRecord {
  id: string;
  pem: string;
  status: CertificateStatus;
  /** Set for certificates signed by a registered CA; absent for lab-issued and CA-less ones. */
  caCertificateId?: string;
  mode: CertificateMode;
  subject: string;
  issuer: string;
  notBefore: number;
  notAfter: number;
  generationId: string;
  customerVersion: number;
  creationDate: number;
  lastModifiedDate: number;
  /** Insertion order, to order certificates created within the same millisecond. */
  sequence: number;
}

interface CertificateRow {
  id: string;
  pem: string;
  status: string;
  ca_certificate_id: string | null;
  mode: string;
  subject: string;
  issuer: string;
  not_before: number;
  not_after: number;
  generation_id: string;
  customer_version: number;
  creation_date: number;
  last_modified_date: number;
  rowid: number;
}

function certificateRecord(row: CertificateRow): CertificateRecord {
  const record: CertificateRecord = {
    id: row.id,
    pem: row.pem,
    status: row.status as CertificateStatus,
    mode: row.mode as CertificateMode,
    subject: row.subject,
    issuer: row.issuer,
    notBefore: row.not_before,
    notAfter: row.not_after,
    generationId: row.generation_id,
    customerVersion: row.customer_version,
    creationDate: row.creation_date,
    lastModifiedDate: row.last_modified_date,
    sequence: row.rowid,
  };
  if (row.ca_certificate_id !== null) record.caCertificateId = row.ca_certificate_id;
  return record;
}

export function openCertificateTables(db: Database.Database) {
  const get = db.prepare<[string], CertificateRow>('SELECT rowid, * FROM iot_certificates WHERE id = ?');
  const all = db.prepare<[], CertificateRow>('SELECT rowid, * FROM iot_certificates ORDER BY rowid');
  const insert = db.prepare<
    [string, string, string, string | null, string, string, string, number, number, string, number, number]
  >(
    `INSERT INTO iot_certificates (id, pem, status, ca_certificate_id, mode, subject, issuer, not_before, not_after,
       generation_id, customer_version, creation_date, last_modified_date)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const setStatus = db.prepare<[string, string, number, string]>(
    'UPDATE iot_certificates SET status = ?, generation_id = ?, last_modified_date = ?, customer_version = customer_version + 1 WHERE id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM iot_certificates WHERE id = ?');

  return {
    getCertificate: (id: string): CertificateRecord | undefined => {
      const row = get.get(id);
      return row && certificateRecord(row);
    },
    /** Oldest first. */
    listCertificates: (): CertificateRecord[] => all.all().map(certificateRecord),
    insertCertificate(
      record: Omit<CertificateRecord, 'customerVersion' | 'lastModifiedDate' | 'sequence'>,
    ): void {
      insert.run(
        record.id,
        record.pem,
        record.status,
        record.caCertificateId ?? null,
        record.mode,
        record.subject,
        record.issuer,
        record.notBefore,
        record.notAfter,
        record.generationId,
        record.creationDate,
        record.creationDate,
      );
    },
    setCertificateStatus(id: string, status: CertificateStatus, generationId: string, now: number): void {
      setStatus.run(status, generationId, now, id);
    },
    deleteCertificate: (id: string): void => void remove.run(id),
  };
}
