"""ScanUpload is keyed by the scheduling session, its room and test day (foreign keys now
that sessions exist, docs/decisions/0019); no scan was stored under the plain session number
(no page wrote one), so the table is made anew. DocumentBatch: the district zips."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0001_initial'),
        ('registry', '0003_importjob_attempt_stopped'),
        ('scheduling', '0003_sessions_placements'),
        ('staffing', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name='ScanUpload'),
        migrations.CreateModel(
            name='DocumentBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('login_cards', 'Kartu login peserta'), ('survey_cards', 'Kartu login SLB'), ('attendance', 'Daftar hadir'), ('session_report', 'Berita acara')], max_length=16, verbose_name='dokumen')),
                ('school_ids', models.JSONField(default=list)),
                ('schools', models.PositiveIntegerField(default=0, verbose_name='sekolah')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='selesai')),
                ('files', models.PositiveIntegerField(default=0, verbose_name='berkas')),
                ('items', models.PositiveIntegerField(default=0, verbose_name='jumlah')),
                ('status', models.CharField(choices=[('queued', 'Menunggu'), ('running', 'Berjalan'), ('done', 'Selesai'), ('failed', 'Gagal')], default='queued', max_length=8, verbose_name='status')),
                ('result_path', models.CharField(blank=True, max_length=200)),
                ('size', models.PositiveBigIntegerField(default=0)),
                ('message', models.TextField(blank=True)),
                ('client_ip', models.CharField(blank=True, max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='diminta')),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diminta oleh')),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['actor', '-created_at'], name='docbatch_actor_idx')],
            },
        ),
        migrations.CreateModel(
            name='ScanUpload',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.PositiveSmallIntegerField(verbose_name='hari ke')),
                ('kind', models.CharField(choices=[('attendance', 'Daftar hadir'), ('session_report', 'Berita acara')], max_length=16, verbose_name='dokumen')),
                ('original_name', models.CharField(max_length=255, verbose_name='nama berkas')),
                ('stored_name', models.CharField(max_length=100, unique=True)),
                ('content_type', models.CharField(max_length=40, verbose_name='jenis berkas')),
                ('size', models.PositiveIntegerField(verbose_name='ukuran')),
                ('sha256', models.CharField(max_length=64)),
                ('is_current', models.BooleanField(default=True)),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='diunggah')),
                ('room', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='staffing.room', verbose_name='ruang')),
                ('school', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='registry.school', verbose_name='sekolah')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='scheduling.session', verbose_name='sesi')),
                ('uploaded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diunggah oleh')),
            ],
            options={
                'ordering': ['-uploaded_at', '-id'],
                'indexes': [models.Index(fields=['school', 'session'], name='scan_school_session_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('session', 'room', 'day', 'kind'), name='scan_one_current_per_sheet'), models.CheckConstraint(condition=models.Q(('day__gte', 1), ('day__lte', 2)), name='scan_day_of_session')],
            },
        ),
    ]
